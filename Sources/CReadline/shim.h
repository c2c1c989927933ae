#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/* Readline keeps its settings and the line being edited in C globals, which Swift 6 does not let code
   touch directly; the REPL reaches them through these functions (called on the main thread only). */

/* Settings for Strata's prompt: its name for ~/.inputrc, no signal handlers of readline's own (the REPL
   handles Ctrl-C), SQL word breaks, quotes that start file paths, and the completion hook. */
static inline void strata_rl_configure(rl_completion_func_t *complete, int prompt_on_stderr) {
    rl_readline_name = "strata";
    rl_catch_signals = 0;
    rl_change_environment = 0;
    rl_attempted_completion_function = complete;
    rl_completer_word_break_characters = " \t\n\"'`@$><=;|&{(),+-*/%";
    rl_completer_quote_characters = "'\"";
    rl_variable_bind("completion-ignore-case", "on");
    if (prompt_on_stderr) rl_outstream = stderr;
}

/* Readline's "restore the terminal" while the REPL holds it: nothing. */
static inline void strata_rl_keep_prepared(void) {}

/* While `hold` is set, readline leaves the terminal in its editing mode (no echo, no line buffering, but
   Ctrl-C still a signal) after each line, so keys typed while a statement runs wait for the next prompt
   unechoed: a Ctrl-D typed in the terminal's line mode would turn into a NUL byte once readline switched
   back. `strata_rl_release_terminal` restores the terminal when the session ends. */
static inline void strata_rl_hold_terminal(int hold) {
    rl_deprep_term_function = hold ? strata_rl_keep_prepared : rl_deprep_terminal;
}

static inline void strata_rl_release_terminal(void) {
    strata_rl_hold_terminal(0);
    rl_deprep_terminal();
}

/* Where readline writes the prompt and the line. */
static inline FILE *strata_rl_output(void) {
    return rl_outstream ? rl_outstream : stdout;
}

/* The line being edited and its length in bytes. */
static inline const char *strata_rl_line(int *length) {
    *length = rl_end;
    return rl_line_buffer;
}

/* The quote the word being completed starts after, or 0. */
static inline int strata_rl_completion_quote(void) {
    return rl_completion_quote_character;
}

/* No file name completion as a fallback, no closing quote added by readline (the completer adds it),
   and no space after the match when `suppress_append`. */
static inline void strata_rl_completion_settings(int suppress_append) {
    rl_attempted_completion_over = 1;
    rl_completion_suppress_quote = 1;
    if (suppress_append) rl_completion_suppress_append = 1;
}
