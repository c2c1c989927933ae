"""Healthcare price transparency: negotiated rates from payers' machine-readable files, pre-joined with
procedure, provider taxonomy and market area, as the rates team lays them out (nine partition keys, one
Parquet file per partition):

    bronze/fact_rate_enriched/payer_slug=.../state=GA/billing_class=professional/
        procedure_set=Evaluation and Management/procedure_class=Office%2Foutpatient services/
        taxonomy=101YP2500X/stat_area_name=Atlanta-Sandy Springs-Alpharetta, GA/year=2025/month=08/
        fact_rate_enriched.parquet

Partition values keep their spaces and commas; `/` and the other characters Hive escapes are %-escaped,
as Spark and Hive write them; a NULL value is `__HIVE_DEFAULT_PARTITION__`. The scale multiplies the
contracts (payer × provider group × procedure class), each of which has one file per month.
"""
import hashlib
import random

from lakefiles import DomainLake, Row, hive_escape

MONTHS = [(2025, 8), (2025, 9)]

# (procedure_set, procedure_class, [(code_type, code, description, billing classes)], taxonomies by billing class)
PROCEDURES = [
    ("Evaluation and Management", "Office/outpatient services", [
        ("CPT", "99203", "Office or other outpatient visit, new patient, low MDM, 30 minutes", ["professional"]),
        ("CPT", "99213", "Office or other outpatient visit, established patient, low MDM", ["professional"]),
        ("CPT", "99214", "Office or other outpatient visit, established patient, moderate MDM", ["professional"]),
        ("CPT", "G2211", "Visit complexity inherent to E/M, add-on", ["professional"]),
    ], {"professional": ["101YP2500X", "101Y00000X", "207Q00000X", "207R00000X"]}),
    ("Evaluation and Management", "Emergency department services", [
        ("CPT", "99283", "Emergency department visit, moderate severity", ["professional", "institutional"]),
        ("CPT", "99284", "Emergency department visit, high severity", ["professional", "institutional"]),
        ("CPT", "99285", "Emergency department visit, high severity, high MDM", ["professional", "institutional"]),
    ], {"professional": ["207P00000X"], "institutional": ["282N00000X"]}),
    ("Surgery", "Musculoskeletal system", [
        ("CPT", "27447", "Arthroplasty, knee, condyle and plateau; medial AND lateral compartments", ["professional", "institutional"]),
        ("CPT", "29881", "Arthroscopy, knee, surgical; with meniscectomy, medial OR lateral", ["professional", "institutional"]),
        ("MS-DRG", "470", "Major hip and knee joint replacement or reattachment of lower extremity w/o MCC", ["institutional"]),
    ], {"professional": ["207X00000X"], "institutional": ["282N00000X"]}),
    ("Surgery", "Digestive system", [
        ("CPT", "45378", "Colonoscopy, flexible; diagnostic", ["professional", "institutional"]),
        ("CPT", "43239", "Esophagogastroduodenoscopy, flexible, transoral; with biopsy, single or multiple", ["professional", "institutional"]),
    ], {"professional": ["207RG0100X"], "institutional": ["261QA1903X"]}),
    ("Radiology", "Diagnostic radiology (diagnostic imaging)", [
        ("CPT", "70450", "CT head/brain; without contrast material", ["professional", "institutional"]),
        ("CPT", "72148", "MRI, spinal canal, lumbar; without contrast material", ["professional", "institutional"]),
        ("CPT", "71046", "Radiologic examination, chest; 2 views", ["professional", "institutional"]),
    ], {"professional": ["2085R0202X"], "institutional": ["261QR0200X"]}),
    ("Medicine", "Psychiatry", [
        ("CPT", "90834", "Psychotherapy, 45 minutes with patient", ["professional"]),
        ("CPT", "90837", "Psychotherapy, 60 minutes with patient", ["professional"]),
        ("CPT", "90791", "Psychiatric diagnostic evaluation", ["professional"]),
    ], {"professional": ["101YP2500X", "103T00000X"]}),
    ("Pathology and Laboratory", "Chemistry", [
        ("CPT", "80053", "Comprehensive metabolic panel", ["professional", "institutional"]),
        ("CPT", "85025", "Blood count; complete (CBC), automated, with differential WBC count", ["professional", "institutional"]),
    ], {"professional": ["207ZP0102X"], "institutional": ["291U00000X"]}),
]
BASE_RATE = {"99203": 118, "99213": 92, "99214": 131, "G2211": 16, "99283": 78, "99284": 132, "99285": 190,
             "27447": 1420, "29881": 610, "470": 16800, "45378": 380, "43239": 310, "70450": 140, "72148": 260,
             "71046": 32, "90834": 98, "90837": 132, "90791": 165, "80053": 14, "85025": 9}
# state -> [(statistical area, county, latitude, longitude)]
AREAS = {
    "GA": [("Atlanta-Sandy Springs-Alpharetta, GA", "Fulton", 33.749, -84.388),
           ("Augusta-Richmond County, GA-SC", "Richmond", 33.471, -81.975),
           ("Savannah, GA", "Chatham", 32.081, -81.091), ("Columbus, GA-AL", "Muscogee", 32.461, -84.988)],
    "FL": [("Miami-Fort Lauderdale-Pompano Beach, FL", "Miami-Dade", 25.762, -80.192),
           ("Tampa-St. Petersburg-Clearwater, FL", "Hillsborough", 27.951, -82.457),
           ("Orlando-Kissimmee-Sanford, FL", "Orange", 28.538, -81.379), ("Jacksonville, FL", "Duval", 30.332, -81.656)],
    "TX": [("Dallas-Fort Worth-Arlington, TX", "Dallas", 32.777, -96.797),
           ("Houston-The Woodlands-Sugar Land, TX", "Harris", 29.760, -95.370),
           ("Austin-Round Rock-Georgetown, TX", "Travis", 30.267, -97.743)],
    "NY": [("New York-Newark-Jersey City, NY-NJ-PA", "Kings", 40.678, -73.944),
           ("Buffalo-Cheektowaga, NY", "Erie", 42.886, -78.878)],
}
PAYERS = [("unitedhealthcare-of-georgia-inc", "UnitedHealthcare of Georgia, Inc.", ["GA"]),
          ("anthem-blue-cross-blue-shield", "Anthem Blue Cross Blue Shield", ["GA", "NY"]),
          ("aetna-life-insurance-company", "Aetna Life Insurance Company", ["GA", "FL", "TX", "NY"]),
          ("florida-blue", "Florida Blue", ["FL"]),
          ("blue-cross-and-blue-shield-of-texas", "Blue Cross and Blue Shield of Texas", ["TX"])]
PROVIDER_WORDS = ["Northside", "Piedmont", "Baptist", "Memorial", "Lakeview", "Riverside", "Summit", "Coastal",
                  "Peachtree", "Sunshine", "Lone Star", "Harbor"]
PARTITION_KEYS = ["payer_slug", "state", "billing_class", "procedure_set", "procedure_class", "taxonomy",
                  "stat_area_name", "year", "month"]
COLUMN_TYPES = {"fact_uid": "VARCHAR", "year_month": "VARCHAR", "payer_name": "VARCHAR", "code_type": "VARCHAR",
                "code": "VARCHAR", "code_description": "VARCHAR", "negotiated_type": "VARCHAR",
                "negotiation_arrangement": "VARCHAR", "negotiated_rate": "DOUBLE", "expiration_date": "VARCHAR",
                "npi": "VARCHAR", "tin_value": "VARCHAR", "provider_name": "VARCHAR", "county_name": "VARCHAR",
                "latitude": "DOUBLE", "longitude": "DOUBLE",
                "billing_code_modifier": "VARCHAR (from the second month on)"}


def schema(with_modifier, rate_as_integer=False):
    import pyarrow as pa
    fields = [pa.field(name, pa.string()) for name in list(COLUMN_TYPES)[:8]]
    fields.append(pa.field("negotiated_rate", pa.int64() if rate_as_integer else pa.float64()))
    fields += [pa.field(name, pa.string()) for name in ["expiration_date", "npi", "tin_value", "provider_name",
                                                        "county_name"]]
    fields += [pa.field("latitude", pa.float64()), pa.field("longitude", pa.float64())]
    if with_modifier:
        fields.append(pa.field("billing_code_modifier", pa.string()))
    return pa.schema(fields)


class Contract:
    """A payer's contract with a provider group for one procedure class in one market."""

    def __init__(self, rng, index):
        self.payer_slug, self.payer_name, states = rng.choice(PAYERS)
        self.state = rng.choice(states)
        self.procedure_set, self.procedure_class, codes, taxonomies = rng.choice(PROCEDURES)
        self.billing_class = rng.choice(sorted(taxonomies))
        self.taxonomy = rng.choice(taxonomies[self.billing_class])
        self.area, self.county, lat, lon = rng.choice(AREAS[self.state])
        self.codes = [c for c in codes if self.billing_class in c[3]]
        word = rng.choice(PROVIDER_WORDS)
        kind = "Hospital, Inc." if self.billing_class == "institutional" else rng.choice(
            ["Medical Group, LLC", "Physicians, P.C.", "Health Partners", "Clinic, PLLC"])
        self.providers = [(f"1{rng.randrange(10 ** 8, 10 ** 9)}", f"{rng.randrange(10, 99)}-{rng.randrange(10 ** 6, 10 ** 7)}",
                           f"{word} {kind}" if i == 0 else f"{word} {self.county} {kind}",
                           lat + rng.uniform(-0.2, 0.2), lon + rng.uniform(-0.2, 0.2))
                          for i in range(rng.randrange(4, 16))]
        self.level = rng.uniform(0.8, 1.9) * (2.4 if self.billing_class == "institutional" else 1.0)

    def partition(self, year, month):
        return {"payer_slug": self.payer_slug, "state": self.state, "billing_class": self.billing_class,
                "procedure_set": self.procedure_set, "procedure_class": self.procedure_class,
                "taxonomy": self.taxonomy, "stat_area_name": self.area, "year": str(year), "month": f"{month:02d}"}


def generate(root, seed, scale):
    rng = random.Random(f"{seed}:healthcare")
    lake = DomainLake(root, "healthcare", seed, scale)
    contracts = {}
    while len(contracts) < max(6, round(60 * scale)):
        contract = Contract(rng, len(contracts))
        key = tuple(contract.partition(2025, 1).values())
        contracts.setdefault(key, contract)  # one contract per partition, as the team's writer produces
    contracts = [contracts[k] for k in sorted(contracts)]
    # A provider without a statistical area (rural, outside any CBSA): NULL partition value.
    rural = contracts[rng.randrange(len(contracts))]
    rural.area = None
    integer_rates = (rng.randrange(len(contracts)), 0)  # one contract's first month written with whole-dollar int64 rates

    for month_index, (year, month) in enumerate(MONTHS):
        with_modifier = month_index >= 1
        for contract_index, contract in enumerate(contracts):
            values = contract.partition(year, month)
            rel = "bronze/fact_rate_enriched/" + "/".join(
                f"{key}={hive_escape(values[key])}" for key in PARTITION_KEYS) + "/fact_rate_enriched.parquet"
            as_integer = (contract_index, month_index) == integer_rates
            rows = rate_rows(rng, contract, year, month, with_modifier, as_integer)
            lake.write_parquet(rel, schema(with_modifier, as_integer), rows)
            if contract is rural:
                lake.file_defect(rel, "null_partition", column="stat_area_name",
                                 detail="provider outside any statistical area")
            if as_integer:
                lake.file_defect(rel, "schema_drift", column="negotiated_rate",
                                 detail="written as int64 (whole dollars); DOUBLE in every other file")
            if with_modifier and contract_index == 0 and month_index == 1:
                lake.file_defect(rel, "schema_drift", column="billing_code_modifier",
                                 detail=f"column added from {year}-{month:02d} on")
    lake.table("bronze.fact_rate_enriched", {
        "path": "bronze/fact_rate_enriched/" + "/".join(f"{k}=*" for k in PARTITION_KEYS) + "/fact_rate_enriched.parquet",
        "format": "parquet (zstd)", "partitions": PARTITION_KEYS, "key": ["fact_uid"], "columns": COLUMN_TYPES})
    return lake.finish()


def rate_rows(rng, contract, year, month, with_modifier, as_integer):
    rows = []
    year_month = f"{year}-{month:02d}"
    for npi, tin, provider, lat, lon in contract.providers:
        for code_type, code, description, _ in contract.codes:
            arrangements = [("negotiated", "ffs")]
            if rng.random() < 0.3:
                arrangements.append(("fee schedule", "ffs"))
            if code_type == "MS-DRG" or rng.random() < 0.1:
                arrangements.append(("percentage" if code_type != "MS-DRG" else "negotiated", "bundle"))
            for negotiated_type, arrangement in arrangements:
                rate = BASE_RATE[code] * contract.level * rng.uniform(0.85, 1.2)
                if negotiated_type == "percentage":
                    rate = round(rng.uniform(55, 95), 1)
                rate = float(round(rate)) if as_integer else round(rate, 2)
                uid = hashlib.sha1(f"{contract.payer_slug}|{npi}|{code}|{negotiated_type}|{arrangement}|{year_month}"
                                   .encode()).hexdigest()[:20]
                values = [uid, year_month, contract.payer_name, code_type, code, description, negotiated_type,
                          arrangement, int(rate) if as_integer else rate,
                          "9999-12-31" if rng.random() < 0.7 else f"{year + 1}-{rng.randrange(1, 13):02d}-01",
                          npi, tin, provider, contract.county, round(lat, 5), round(lon, 5)]
                if with_modifier:
                    values.append(rng.choice([None, None, None, "26", "TC", "25"]) if code_type == "CPT" else None)
                row = Row(values)
                roll = rng.random()
                if roll < 0.004:
                    row.values[0] = None
                    row.defect("missing_key", column="fact_uid", detail="null")
                elif roll < 0.009:
                    bad = rng.choice([0, -1 * int(rate) or -1, 99999999]) if as_integer else rng.choice(
                        [0.0, -rate, 99999999.99])
                    row.values[8] = bad
                    row.defect("out_of_range", key=uid, column="negotiated_rate", value=bad,
                               detail="zero, negative or placeholder rate")
                elif roll < 0.012:
                    row.values[9] = rng.choice(["2025-02-30", "0000-00-00", "2025-13-01"])
                    row.defect("impossible_timestamp", key=uid, column="expiration_date", value=row.values[9],
                               detail="expiration date that does not exist")
                elif roll < 0.015:
                    row.values[10] = f"{float(npi):.9E}"
                    row.defect("wrong_type", key=uid, column="npi", value=row.values[10],
                               detail="NPI mangled into scientific notation by a spreadsheet")
                rows.append(row)
                if rng.random() < 0.01:
                    rows.append(row.copy().defect("duplicate", key=row.values[0], duplicate_of=row,
                                                  detail="same rate listed twice in the payer's file"))
    return rows
