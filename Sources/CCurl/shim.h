// libcurl for Swift. curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic, which Swift
// cannot call; these non-variadic wrappers fix the argument type per call.
#ifndef STRATA_CCURL_SHIM_H
#define STRATA_CCURL_SHIM_H
#include <curl/curl.h>

static inline CURLcode strata_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode strata_curl_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode strata_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode strata_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode strata_curl_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
typedef size_t (*strata_curl_data_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode strata_curl_easy_setopt_data_callback(CURL *handle, CURLoption option, strata_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}
typedef int (*strata_curl_seek_callback)(void *context, curl_off_t offset, int origin);
static inline CURLcode strata_curl_easy_setopt_seek_callback(CURL *handle, CURLoption option, strata_curl_seek_callback value) {
    return curl_easy_setopt(handle, option, value);
}
typedef int (*strata_curl_progress_callback)(void *context, curl_off_t downloadTotal, curl_off_t downloaded,
                                             curl_off_t uploadTotal, curl_off_t uploaded);
static inline CURLcode strata_curl_easy_setopt_progress_callback(CURL *handle, CURLoption option, strata_curl_progress_callback value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode strata_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode strata_curl_easy_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode strata_curl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}
static inline CURLMcode strata_curl_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}
#endif
