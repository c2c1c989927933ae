"""The e-commerce shop: files as the raw zone receives them, in the team's bronze folders:

    bronze/events/events_YYYY-MM-DD_01.ndjson        morning batch, plain NDJSON
    bronze/events/events_YYYY-MM-DD_02.ndjson.gz     afternoon batch, gzip
    bronze/users/users_snapshot_YYYY-MM-DD.csv       full export on the first day
    bronze/users/users_updates_YYYY-MM-DD.csv        signups and profile changes of each later day
    bronze/transactions/transactions_YYYY-MM-DD.csv  payments settled that day

The scale multiplies the days and the users; each day brings about the same number of events.
"""
import datetime
import gzip
import json
import random

from lakefiles import DomainLake, Row

START = datetime.date(2024, 10, 1)
COUNTRIES = [("US", ["New York", "Austin", "Seattle", "Washington, D.C."]), ("GB", ["London", "Manchester"]),
             ("DE", ["Berlin", "Munich"]), ("FR", ["Paris", "Lyon"]), ("IL", ["Tel Aviv", "Haifa"]),
             ("IN", ["Bengaluru", "Mumbai"]), ("BR", ["São Paulo"]), ("CA", ["Toronto", "Vancouver"]),
             ("NL", ["Amsterdam"]), ("AU", ["Sydney"])]
CURRENCY = {"US": "USD", "GB": "GBP", "DE": "EUR", "FR": "EUR", "IL": "ILS", "IN": "INR", "BR": "BRL", "CA": "CAD",
            "NL": "EUR", "AU": "AUD"}
FIRST = ["Alice", "Bob", "Carla", "Dmitri", "Elif", "Farah", "Gal", "Hiro", "Ines", "Jonas", "Kofi", "Lea", "Maya",
         "Noam", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tamar", "Uma", "Victor", "Wen", "Yael", "Zoe"]
LAST = ["Smith", "Cohen", "Müller", "Dubois", "Silva", "Kumar", "Tanaka", "O'Brien", "Levi", "Rossi", "Novak",
        "Nguyen", "García", "Jensen", "Ali"]
EVENT_TYPES = [("page_view", 50), ("product_view", 22), ("search", 10), ("add_to_cart", 9), ("remove_from_cart", 2),
               ("checkout_start", 4), ("purchase", 3)]
DEVICES = ["desktop", "mobile", "mobile", "tablet", "app_ios", "app_android"]
PAYMENT = ["card", "card", "card", "paypal", "apple_pay", "bank_transfer"]

EVENT_TYPES_COLUMNS = {"event_id": "VARCHAR", "user_id": "BIGINT", "session_id": "VARCHAR", "event_type": "VARCHAR",
                       "ts": "TIMESTAMP", "page_url": "VARCHAR", "product_id": "VARCHAR", "order_id": "VARCHAR",
                       "device": "VARCHAR", "country": "VARCHAR", "campaign_id": "VARCHAR (from the middle day on)"}
USER_COLUMNS = {"user_id": "BIGINT", "email": "VARCHAR", "first_name": "VARCHAR", "last_name": "VARCHAR",
                "country": "VARCHAR", "city": "VARCHAR", "status": "VARCHAR", "created_at": "TIMESTAMP",
                "updated_at": "TIMESTAMP", "marketing_opt_in": "BOOLEAN (from the middle day on)"}
TRANSACTION_COLUMNS = {"transaction_id": "VARCHAR", "order_id": "VARCHAR", "user_id": "BIGINT",
                       "amount": "DECIMAL(12,2)", "currency": "VARCHAR", "status": "VARCHAR",
                       "payment_method": "VARCHAR", "created_at": "TIMESTAMP"}
IMPOSSIBLE_ISO = ["2024-10-{d}T25:61:00Z", "1970-01-01T00:00:00Z", "2099-12-31T23:59:59Z", "2024-02-30T10:00:00Z"]
IMPOSSIBLE_SQL = ["0000-00-00 00:00:00", "2024-02-30 10:00:00", "2099-12-31 23:59:59", "2024-10-{d} 24:30:00"]


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def sql(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def hexid(rng, bits):
    return f"{rng.getrandbits(bits):0{bits // 4}x}"


def uuid(rng):
    h = hexid(rng, 128)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:]}"


def weighted(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


class User:
    def __init__(self, rng, user_id, created):
        self.user_id = user_id
        country, cities = rng.choice(COUNTRIES)
        self.first = rng.choice(FIRST)
        self.last = rng.choice(LAST)
        self.country = country
        self.city = rng.choice(cities)
        self.email = f"{self.first.lower()}.{self.last.lower().replace(chr(39), '')}{user_id % 1000}@example.com"
        self.status = "active"
        self.created = created
        self.updated = created
        self.opt_in = rng.random() < 0.4

    def values(self, with_opt_in):
        row = [str(self.user_id), self.email, self.first, self.last, self.country, self.city, self.status,
               sql(self.created), sql(self.updated)]
        if with_opt_in:
            row.append("true" if self.opt_in else "false")
        return row


def generate(root, seed, scale):
    rng = random.Random(f"{seed}:ecommerce")
    lake = DomainLake(root, "ecommerce", seed, scale)
    days = max(2, round(14 * scale))
    drift_day = days // 2  # events gain campaign_id, users gain marketing_opt_in
    corrupt_day = min(days - 1, drift_day + 1)
    broken_line_day = max(0, drift_day - 1)

    users = []
    next_user = 100001
    begin = datetime.datetime.combine(START, datetime.time(0))
    for _ in range(max(50, round(800 * scale))):
        created = begin - datetime.timedelta(seconds=rng.randrange(2 * 365 * 86400))
        users.append(User(rng, next_user, created))
        next_user += 1
    users.sort(key=lambda u: u.created)

    delivered = {}    # user_id -> the Row of the latest version delivered
    late_events = []  # events held back on a device, delivered days later
    late_transactions = []
    for day_index in range(days):
        day = START + datetime.timedelta(days=day_index)
        dstr = day.isoformat()
        midnight = datetime.datetime.combine(day, datetime.time(0))
        with_drift = day_index >= drift_day

        # -- users: a snapshot on the first day, then the day's signups and changes.
        user_header = list(USER_COLUMNS)[:9] + (["marketing_opt_in"] if with_drift else [])
        user_rows = []
        if day_index == 0:
            changed = list(users)
        else:
            signups = [User(rng, next_user + i, midnight + datetime.timedelta(seconds=rng.randrange(86400)))
                       for i in range(rng.randrange(30, 50))]
            next_user += len(signups)
            users.extend(signups)
            changed = list(signups)
            for user in rng.sample(users[:-len(signups)], min(len(users) - len(signups), rng.randrange(20, 40))):
                user.updated = midnight + datetime.timedelta(seconds=rng.randrange(86400))
                change = rng.random()
                if change < 0.4:
                    user.status = rng.choice(["inactive", "suspended", "active", "deleted"])
                elif change < 0.7:
                    user.country, cities = rng.choice(COUNTRIES)
                    user.city = rng.choice(cities)
                else:
                    user.email = user.email.replace("@example.com", f"+{day.day}@example.com")
                changed.append(user)
            changed.sort(key=lambda u: u.updated)
        for user in changed:
            row = Row(user.values(with_drift))
            user_rows.append(row)
            delivered[user.user_id] = row
        if day_index > 0:
            user_dirt(rng, user_rows, day, with_drift, delivered)
        rel = f"bronze/users/users_{'snapshot' if day_index == 0 else 'updates'}_{dstr}.csv"
        lake.write_csv(rel, user_header, user_rows)
        if day_index == drift_day:
            lake.file_defect(rel, "schema_drift", column="marketing_opt_in", detail="column added from this file on")

        # -- events and the transactions of the purchases among them.
        active = [u for u in users if u.status == "active" and u.created < midnight + datetime.timedelta(days=1)]
        events, transactions = [], []
        sessions = rng.randrange(380, 460)
        for _ in range(sessions):
            user = rng.choice(active) if rng.random() > 0.08 else None
            session = uuid(rng)
            moment = midnight + datetime.timedelta(seconds=rng.randrange(86000), microseconds=rng.randrange(1000000))
            country = user.country if user else rng.choice(COUNTRIES)[0]
            device = rng.choice(DEVICES)
            campaign = (f"cmp_{rng.choice(['fall24', 'newsletter', 'retarget', 'social'])}"
                        if with_drift and rng.random() < 0.35 else None)
            for _ in range(rng.randrange(1, 8)):
                kind = weighted(rng, EVENT_TYPES)
                if kind == "purchase" and user is None:
                    kind = "checkout_start"
                product = f"P{rng.randrange(1, 2500):05d}" if kind in ("product_view", "add_to_cart",
                                                                        "remove_from_cart") else None
                order = f"ord_{hexid(rng, 48)}" if kind == "purchase" else None
                event = {"event_id": uuid(rng), "user_id": user.user_id if user else None, "session_id": session,
                         "event_type": kind, "ts": iso(moment),
                         "page_url": f"/product/{product}" if product else rng.choice(["/", "/search", "/cart",
                                                                                        "/checkout", "/category/shoes"]),
                         "product_id": product, "order_id": order, "device": device, "country": country}
                if with_drift:
                    event["campaign_id"] = campaign
                events.append((moment, Row(event)))
                if order:
                    paid = moment + datetime.timedelta(seconds=rng.randrange(2, 40))
                    status = weighted(rng, [("completed", 90), ("failed", 5), ("refunded", 3), ("pending", 2)])
                    amount = round(rng.lognormvariate(3.6, 0.7), 2)
                    transactions.append((paid, Row([f"txn_{hexid(rng, 40)}", order, str(user.user_id),
                                                    f"{amount:.2f}", CURRENCY[user.country], status,
                                                    rng.choice(PAYMENT), sql(paid)])))
                moment += datetime.timedelta(seconds=rng.randrange(3, 240), microseconds=rng.randrange(1000000))
        events.sort(key=lambda e: e[0])
        transactions.sort(key=lambda t: t[0])
        event_rows = [row for _, row in events]
        transaction_rows = [row for _, row in transactions]

        # Hold some back for later days; deliver the ones held back from earlier days now.
        keep = []
        for row in event_rows:
            if day_index < days - 2 and rng.random() < 0.004:
                late_events.append((day_index + rng.randrange(2, 5), row))
            else:
                keep.append(row)
        due = [row for (when, row) in late_events if when == day_index]
        late_events = [(when, row) for (when, row) in late_events if when != day_index]
        for row in due:
            row.defect("late_arrival", key=row.values["event_id"], column="ts", value=row.values["ts"],
                       detail=f"event of {row.values['ts'][:10]} delivered in the {dstr} batch")
            if with_drift and "campaign_id" not in row.values:
                row.values["campaign_id"] = None
        event_rows = event_dirt(rng, keep, day)
        half = len(event_rows) // 2
        morning, afternoon = due + event_rows[:half], event_rows[half:]
        if day_index == broken_line_day:
            at = rng.randrange(10, len(morning) - 10)
            text = json.dumps(morning[at].values, separators=(",", ":"), ensure_ascii=False)
            broken = Row(text[: len(text) // 2]).defect("corrupt_record", key=morning[at].values.get("event_id"),
                                                        detail="line cut off mid-record (writer crashed)")
            morning[at] = broken
        lake.write_ndjson(f"bronze/events/events_{dstr}_01.ndjson", morning)
        rel = f"bronze/events/events_{dstr}_02.ndjson.gz"
        if day_index == corrupt_day:
            body = "\n".join(json.dumps(r.values, separators=(",", ":"), ensure_ascii=False) for r in afternoon)
            data = gzip.compress(body.encode("utf-8"), compresslevel=6, mtime=0)
            lake.write_raw(rel, data[: len(data) * 2 // 5], "ndjson", len(afternoon), compress=True)
            lake.file_defect(rel, "corrupt_file", detail=f"gzip truncated after {len(data) * 2 // 5} of {len(data)} bytes "
                             f"({len(afternoon)} records lost)")
        else:
            lake.write_ndjson(rel, afternoon, compress=True)
        if day_index == drift_day:
            lake.file_defect(f"bronze/events/events_{dstr}_01.ndjson", "schema_drift", column="campaign_id",
                             detail="field added from this batch on")

        keep = []
        for row in transaction_rows:
            if day_index < days - 2 and rng.random() < 0.03:
                late_transactions.append((day_index + rng.randrange(2, 4), row))
            else:
                keep.append(row)
        due = [row for (when, row) in late_transactions if when == day_index]
        late_transactions = [(when, row) for (when, row) in late_transactions if when != day_index]
        for row in due:
            row.defect("late_arrival", key=row.values[0], column="created_at", value=row.values[7],
                       detail=f"payment of {row.values[7][:10]} settled in the {dstr} file")
        lake.write_csv(f"bronze/transactions/transactions_{dstr}.csv", list(TRANSACTION_COLUMNS),
                       due + transaction_dirt(rng, keep, day))

    lake.table("bronze.events", {
        "path": "bronze/events/*.ndjson*", "format": "ndjson, the afternoon batch gzip", "key": ["event_id"],
        "columns": EVENT_TYPES_COLUMNS})
    lake.table("bronze.users", {
        "path": "bronze/users/*.csv", "format": "csv", "key": ["user_id", "updated_at"],
        "columns": USER_COLUMNS})
    lake.table("bronze.transactions", {
        "path": "bronze/transactions/*.csv", "format": "csv", "key": ["transaction_id"],
        "columns": TRANSACTION_COLUMNS})
    return lake.finish()


def event_dirt(rng, rows, day):
    out = []
    for row in rows:
        roll = rng.random()
        event_id = row.values["event_id"]
        if roll < 0.001:
            value = rng.choice(IMPOSSIBLE_ISO).format(d=f"{day.day:02d}")
            row.values["ts"] = value
            row.defect("impossible_timestamp", key=event_id, column="ts", value=value, detail="client clock or parser bug")
        elif roll < 0.003:
            if rng.random() < 0.5:
                del row.values["event_id"]
                row.defect("missing_key", column="event_id", detail="field absent")
            else:
                row.values["event_id"] = None
                row.defect("missing_key", column="event_id", value=None, detail="null")
        elif roll < 0.004 and row.values["user_id"] is not None:
            row.values["user_id"] = f"u_{row.values['user_id']}"
            row.defect("wrong_type", key=event_id, column="user_id", value=row.values["user_id"],
                       detail="user id as a prefixed string")
        elif roll < 0.005:
            epoch = int((datetime.datetime.strptime(row.values["ts"][:19], "%Y-%m-%dT%H:%M:%S")
                         - datetime.datetime(1970, 1, 1)).total_seconds())
            row.values["ts"] = epoch
            row.defect("wrong_type", key=event_id, column="ts", value=epoch, detail="epoch seconds instead of ISO 8601")
        out.append(row)
        if rng.random() < 0.006:
            # At-least-once delivery: the same record again, a little later in the stream.
            out.append(row.copy().defect("duplicate", key=row.values.get("event_id"), duplicate_of=row,
                                         detail="redelivered by the collector"))
    # Move some duplicates a few lines further, as a retry would land them.
    for index in range(len(out) - 1, -1, -1):
        if any(d["kind"] == "duplicate" for d in out[index].defects) and index + 5 < len(out):
            out.insert(index + rng.randrange(2, 6), out.pop(index))
    return out


def user_dirt(rng, rows, day, with_drift, delivered):
    row = rows[rng.randrange(len(rows))]
    row.values[0] = ""
    row.defect("missing_key", column="user_id", value="", detail="export row without its id")
    row = rows[rng.randrange(len(rows))]
    if not row.defects:
        row.values[8] = rng.choice(["0000-00-00 00:00:00", "2024-02-30 10:00:00"])
        row.defect("impossible_timestamp", key=row.values[0], column="updated_at", value=row.values[8],
                   detail="zero date from the source database")
    row = rows[rng.randrange(len(rows))]
    if not row.defects:
        created = datetime.datetime.strptime(row.values[7], "%Y-%m-%d %H:%M:%S")
        row.values[7] = created.strftime("%m/%d/%Y %I:%M %p")
        row.defect("wrong_type", key=row.values[0], column="created_at", value=row.values[7],
                   detail="US date format")
    original = rows[rng.randrange(len(rows))]
    rows.insert(rows.index(original) + rng.randrange(1, 4), original.copy().defect(
        "duplicate", key=original.values[0], duplicate_of=original, detail="row exported twice"))
    # A change made days ago, delivered now after a newer version of the same user.
    previous = [r for uid, r in delivered.items() if r.location is not None and not r.defects and uid % 7 == day.day % 7]
    if previous:
        newer = rng.choice(previous)
        stale = newer.copy()
        old_time = datetime.datetime.strptime(stale.values[8], "%Y-%m-%d %H:%M:%S") - datetime.timedelta(days=rng.randrange(3, 9))
        stale.values[8] = old_time.strftime("%Y-%m-%d %H:%M:%S")
        stale.values[6] = "inactive"
        if with_drift and len(stale.values) == 9:
            stale.values.append("false")
        if not with_drift and len(stale.values) == 10:
            stale.values.pop()
        stale.defect("late_arrival", key=stale.values[0], column="updated_at", value=stale.values[8],
                     detail=f"older than the version in {newer.location['file']} line {newer.location['line']}")
        rows.append(stale)


def transaction_dirt(rng, rows, day):
    out = []
    for row in rows:
        roll = rng.random()
        key = row.values[0]
        if roll < 0.01:
            value = rng.choice(["N/A", row.values[3].replace(".", ","), "$" + row.values[3], row.values[3] + " EUR"])
            row.values[3] = value
            row.defect("wrong_type", key=key, column="amount", value=value, detail="amount not a number")
        elif roll < 0.017:
            row.values[0] = ""
            row.defect("missing_key", column="transaction_id", value="", detail="payment provider sent no id")
        elif roll < 0.022:
            value = rng.choice(IMPOSSIBLE_SQL).format(d=f"{day.day:02d}")
            row.values[7] = value
            row.defect("impossible_timestamp", key=key, column="created_at", value=value, detail="bad timestamp")
        elif roll < 0.027 and row.values[5] == "completed":
            row.values[3] = "-" + row.values[3]
            row.defect("out_of_range", key=key, column="amount", value=row.values[3],
                       detail="negative amount on a completed payment")
        out.append(row)
        if rng.random() < 0.015:
            out.append(row.copy().defect("duplicate", key=row.values[0], duplicate_of=row,
                                         detail="webhook retried"))
    return out
