"""The algae cultivation plant (BarAlgae): FlowCam samples, Citect SCADA trends and alarms, weather, growth
tracking, in the bronze layout of the plant's partitioning document:

    bronze/flowcam/date=YYYY-MM-DD/TPU=NN/reactor=NN/flowcam_data.csv
    bronze/scada/date=YYYY-MM-DD/citect/scada_citect.csv
    bronze/scada/date=YYYY-MM-DD/status/scada_status.csv
    bronze/weather/date=YYYY-MM-DD/historical/weather_historical.csv
    bronze/weather/date=YYYY-MM-DD/forecast/weather_forecast.csv
    bronze/growth_tracking/date=YYYY-MM-DD/growth_data.csv

Four TPUs (tubular photobioreactor units) of four reactors each; the scale multiplies the days.
"""
import datetime
import math
import random

from lakefiles import DomainLake, Row

START = datetime.date(2024, 5, 1)
TPUS = 4
REACTORS = 4
STATION = "BA-WX-01"
OPERATORS = ["amir.k", "dana.l", "yossi.b", "noa.s"]


def ts(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S")


class Culture:
    """A reactor's culture: logistic growth of dry weight, harvested back to a base when dense."""

    def __init__(self, rng, tpu, reactor):
        self.density = rng.uniform(0.4, 1.2)  # g/L dry weight
        self.rate = rng.uniform(0.018, 0.03)  # per hour at low density
        self.capacity = rng.uniform(3.2, 4.2)
        self.harvested = 0.0

    def step(self, hours, light):
        growth = self.rate * light * self.density * (1 - self.density / self.capacity)
        self.density = max(0.05, self.density + growth * hours)
        self.harvested = 0.0
        if self.density > 0.92 * self.capacity:
            self.harvested = self.density - 0.45 * self.capacity
            self.density = 0.45 * self.capacity


def light_at(hour):
    return max(0.0, math.sin(math.pi * (hour - 5.5) / 14.0)) if 5.5 <= hour <= 19.5 else 0.0


def generate(root, seed, scale):
    rng = random.Random(f"{seed}:algae")
    lake = DomainLake(root, "algae", seed, scale)
    days = max(1, round(7 * scale))
    cultures = {(t, r): Culture(rng, t, r) for t in range(1, TPUS + 1) for r in range(1, REACTORS + 1)}
    # One reactor-day exports an empty file, one reactor-day re-exports its tail, and one reactor's last
    # samples of a day reach the lake only with the next day's export.
    empty_day = (days // 2, 3, 2)
    reexport_day = (0, 2, 4)
    held_back_day = (0, 1, 3)
    held_back = []
    for day_index in range(days):
        day = START + datetime.timedelta(days=day_index)
        dstr = day.isoformat()
        # Weather first: solar radiation drives growth.
        irradiance = weather(lake, rng, day, day_index)
        for (tpu, reactor), culture in cultures.items():
            rows = flowcam_rows(rng, day, tpu, reactor, culture, irradiance)
            key = (day_index, tpu, reactor)
            rel = f"bronze/flowcam/date={dstr}/TPU={tpu:02d}/reactor={reactor:02d}/flowcam_data.csv"
            if key == empty_day and days > 1:
                lake.write_csv(rel, FLOWCAM_HEADER, [])
                lake.file_defect(rel, "empty_file", detail="the FlowCam export of this reactor-day has no samples")
                continue
            if key == reexport_day:
                originals = rows[-3:]
                for original in originals:
                    rows.append(original.copy().defect("duplicate", key=original.values[0], duplicate_of=original,
                                                       detail="instrument re-exported its last samples"))
            if key == held_back_day and days > 1:
                held_back, rows = rows[-2:], rows[:-2]
            elif held_back and (tpu, reactor) == held_back_day[1:]:
                for late in reversed(held_back):
                    late.defect("late_arrival", key=late.values[0], column="capture_time", value=late.values[1],
                                detail=f"sample of {late.values[1][:10]} exported with the {dstr} file")
                    rows.insert(0, late)
                held_back = []
            lake.write_csv(rel, FLOWCAM_HEADER, rows)
        scada(lake, rng, day, cultures)
        growth(lake, rng, day, cultures)

    lake.table("bronze.flowcam", {
        "path": "bronze/flowcam/date=*/TPU=*/reactor=*/flowcam_data.csv", "format": "csv",
        "partitions": ["date", "TPU", "reactor"], "key": ["sample_id"], "columns": FLOWCAM_TYPES})
    lake.table("scada_citect", {
        "path": "bronze/scada/date=*/citect/scada_citect.csv", "format": "csv", "partitions": ["date"],
        "key": ["timestamp", "tag_name"], "columns": CITECT_TYPES})
    lake.table("scada_status", {
        "path": "bronze/scada/date=*/status/scada_status.csv", "format": "csv", "partitions": ["date"],
        "key": ["event_id"], "columns": STATUS_TYPES})
    lake.table("weather_historical", {
        "path": "bronze/weather/date=*/historical/weather_historical.csv", "format": "csv", "partitions": ["date"],
        "key": ["station_id", "observation_time"], "columns": HISTORICAL_TYPES})
    lake.table("weather_forecast", {
        "path": "bronze/weather/date=*/forecast/weather_forecast.csv", "format": "csv", "partitions": ["date"],
        "key": ["station_id", "issued_at", "forecast_time"], "columns": FORECAST_TYPES})
    lake.table("bronze.growth_tracking", {
        "path": "bronze/growth_tracking/date=*/growth_data.csv", "format": "csv", "partitions": ["date"],
        "key": ["record_id"], "columns": GROWTH_TYPES})
    return lake.finish()


# -- FlowCam -------------------------------------------------------------------------------------------

FLOWCAM_TYPES = {
    "sample_id": "VARCHAR", "capture_time": "TIMESTAMP", "particle_count": "BIGINT", "particles_per_ml": "DOUBLE",
    "density": "DOUBLE", "biovolume": "DOUBLE", "mean_esd_um": "DOUBLE", "mean_length_um": "DOUBLE",
    "mean_width_um": "DOUBLE", "mean_aspect_ratio": "DOUBLE", "volume_imaged_ml": "DOUBLE",
    "flow_rate_ml_min": "DOUBLE", "dilution_factor": "BIGINT", "operator": "VARCHAR",
}
FLOWCAM_HEADER = list(FLOWCAM_TYPES)


def flowcam_rows(rng, day, tpu, reactor, culture, irradiance):
    """Hourly automated samples; the culture grows between them."""
    rows = []
    for hour in range(24):
        culture.step(1.0, irradiance[hour])
        moment = datetime.datetime.combine(day, datetime.time(hour, rng.randrange(0, 5), rng.randrange(60)))
        dilution = 100 if culture.density > 2.0 else 50
        volume = round(rng.uniform(0.45, 0.55), 3)
        per_ml = culture.density * 2.1e6 * rng.uniform(0.93, 1.07)
        count = int(per_ml * volume / dilution)
        esd = rng.uniform(5.5, 7.5)
        length = esd * rng.uniform(1.05, 1.35)
        width = esd * rng.uniform(0.75, 0.95)
        biovolume = per_ml * (math.pi / 6) * esd ** 3
        sample_id = f"FC-T{tpu:02d}R{reactor:02d}-{day.strftime('%Y%m%d')}-{hour:02d}00"
        values = [sample_id, ts(moment), str(count), f"{per_ml:.1f}", f"{culture.density:.3f}", f"{biovolume:.1f}",
                  f"{esd:.2f}", f"{length:.2f}", f"{width:.2f}", f"{length / width:.3f}", f"{volume:.3f}",
                  f"{rng.uniform(0.14, 0.16):.3f}", str(dilution), rng.choice(OPERATORS[:2]) if hour % 12 == 0 else "auto"]
        row = Row(values)
        roll = rng.random()
        if roll < 0.006:
            row.values[4] = "n/a"
            row.defect("wrong_type", key=sample_id, column="density", value="n/a", detail="density not computed")
        elif roll < 0.009:
            row.values[5] = "-" + row.values[5]
            row.defect("out_of_range", key=sample_id, column="biovolume", value=row.values[5], detail="negative biovolume")
        elif roll < 0.011:
            row.values[1] = "2000-01-01 00:00:00"
            row.defect("impossible_timestamp", key=sample_id, column="capture_time", value=row.values[1],
                       detail="instrument clock reset")
        elif roll < 0.013:
            row.values[0] = ""
            row.defect("missing_key", column="sample_id", value="", detail="sample id not assigned")
        rows.append(row)
    return rows


# -- SCADA -------------------------------------------------------------------------------------------

CITECT_TYPES = {"timestamp": "TIMESTAMP", "tag_name": "VARCHAR", "value": "DOUBLE", "units": "VARCHAR",
                "quality": "VARCHAR"}
STATUS_TYPES = {"event_id": "BIGINT", "timestamp": "TIMESTAMP", "equipment_id": "VARCHAR", "tag_name": "VARCHAR",
                "status": "VARCHAR", "alarm_state": "VARCHAR", "alarm_priority": "BIGINT", "alarm_message": "VARCHAR",
                "acknowledged_by": "VARCHAR"}
REACTOR_TAGS = [("PH_PV", "pH", 7.6, 0.25), ("TEMP_PV", "degC", 25.0, 2.5), ("DO_PV", "%sat", 160.0, 35.0),
                ("CO2_FLOW_PV", "L/min", 1.2, 0.6), ("PAR_PV", "umol/m2/s", 0.0, 0.0)]
TPU_TAGS = [("TANK_LEVEL_PV", "%", 68.0, 6.0), ("CO2_SUPPLY_PRESS_PV", "bar", 2.4, 0.1)]


def scada(lake, rng, day, cultures):
    dstr = day.isoformat()
    rows = []
    for slot in range(96):  # 15-minute trend samples
        moment = datetime.datetime.combine(day, datetime.time(slot // 4, (slot % 4) * 15))
        hour = slot / 4
        for (tpu, reactor) in cultures:
            for tag, units, mean, spread in REACTOR_TAGS:
                if tag == "PAR_PV":
                    value = 1900 * light_at(hour) * rng.uniform(0.85, 1.0)
                elif tag == "PH_PV":
                    value = mean + spread * math.sin(hour / 3) + rng.gauss(0, 0.05)
                else:
                    value = mean + spread * light_at(hour) + rng.gauss(0, spread * 0.1)
                rows.append(Row([ts(moment), f"TPU{tpu:02d}_R{reactor:02d}_{tag}", f"{value:.3f}", units, "Good"]))
        for tpu in range(1, TPUS + 1):
            for tag, units, mean, spread in TPU_TAGS:
                value = mean + rng.gauss(0, spread)
                rows.append(Row([ts(moment), f"TPU{tpu:02d}_{tag}", f"{value:.3f}", units, "Good"]))
    # Communication loss: a run of samples of one TPU read back as #COMM with Bad quality.
    start = rng.randrange(len(rows) - 200)
    lost_tpu = f"TPU{rng.randrange(1, TPUS + 1):02d}_"
    for row in rows[start:start + 200]:
        if row.values[1].startswith(lost_tpu):
            row.values[2] = "#COMM"
            row.values[4] = "Bad"
            row.defect("wrong_type", key=f"{row.values[0]}|{row.values[1]}", column="value", value="#COMM",
                       detail="communication loss")
    for _ in range(2):
        row = rows[rng.randrange(len(rows))]
        if not row.defects:
            row.values[0] = "1970-01-01 00:00:00"
            row.defect("impossible_timestamp", key=row.values[1], column="timestamp", value=row.values[0],
                       detail="historian wrote the epoch for a missing time")
    row = rows[rng.randrange(len(rows))]
    if not row.defects:
        row.values[1] = ""
        row.defect("missing_key", column="tag_name", value="", detail="tag name lost in export")
    # The historian re-sends one block of rows after a reconnect.
    at = rng.randrange(100, len(rows) - 20)
    block = [r for r in rows[at:at + 12] if not r.defects]
    duplicates = [original.copy().defect("duplicate", key=f"{original.values[0]}|{original.values[1]}",
                                         duplicate_of=original, detail="historian re-sent a block")
                  for original in block]
    rows[at + 40:at + 40] = duplicates
    lake.write_csv(f"bronze/scada/date={dstr}/citect/scada_citect.csv", list(CITECT_TYPES), rows)

    events = []
    event_base = int(day.strftime("%Y%m%d")) * 10000
    pump_state = {(t, r): "RUNNING" for (t, r) in cultures}
    for index in range(rng.randrange(60, 90)):
        moment = datetime.datetime.combine(day, datetime.time(0)) + datetime.timedelta(seconds=rng.randrange(86400))
        tpu, reactor = rng.choice(list(cultures))
        kind = rng.random()
        if kind < 0.5:
            pump_state[(tpu, reactor)] = "STOPPED" if pump_state[(tpu, reactor)] == "RUNNING" else "RUNNING"
            values = [f"TPU{tpu:02d}-R{reactor:02d}-PUMP", f"TPU{tpu:02d}_R{reactor:02d}_PUMP_RUN",
                      pump_state[(tpu, reactor)], "NORMAL", "4", "", ""]
        elif kind < 0.8:
            level = rng.choice(["High", "High High", "Low"])
            values = [f"TPU{tpu:02d}-R{reactor:02d}", f"TPU{tpu:02d}_R{reactor:02d}_PH_PV", "ALARM", "ACTIVE",
                      "2" if level != "High High" else "1", f"pH {level}, reactor {reactor:02d} TPU {tpu:02d}",
                      rng.choice(OPERATORS + [""])]
        else:
            values = [f"TPU{tpu:02d}-CO2", f"TPU{tpu:02d}_CO2_SUPPLY_PRESS_PV", "ALARM", rng.choice(["ACTIVE", "CLEARED"]),
                      "3", f"CO2 supply pressure low, TPU {tpu:02d}; check manifold", rng.choice(OPERATORS + [""])]
        events.append((moment, values))
    events.sort(key=lambda e: e[0])
    status_rows = []
    for index, (moment, values) in enumerate(events):
        status_rows.append(Row([str(event_base + index + 1), ts(moment)] + values))
    victim = status_rows[rng.randrange(len(status_rows))]
    victim.values[6] = "HIGH"
    victim.defect("wrong_type", key=victim.values[0], column="alarm_priority", value="HIGH",
                  detail="priority exported as its label")
    original = status_rows[rng.randrange(len(status_rows))]
    if original is not victim:
        position = status_rows.index(original) + 1
        status_rows.insert(position, original.copy().defect("duplicate", key=original.values[0], duplicate_of=original,
                                                            detail="alarm logged twice"))
    lake.write_csv(f"bronze/scada/date={dstr}/status/scada_status.csv", list(STATUS_TYPES), status_rows)


# -- Weather -----------------------------------------------------------------------------------------

HISTORICAL_TYPES = {"observation_time": "TIMESTAMP", "station_id": "VARCHAR", "temperature_c": "DOUBLE",
                    "relative_humidity_pct": "DOUBLE", "solar_radiation_w_m2": "DOUBLE", "wind_speed_m_s": "DOUBLE",
                    "wind_direction_deg": "BIGINT", "precipitation_mm": "DOUBLE", "cloud_cover_pct": "BIGINT",
                    "pressure_hpa": "DOUBLE"}
FORECAST_TYPES = {"issued_at": "TIMESTAMP", "forecast_time": "TIMESTAMP", "station_id": "VARCHAR",
                  "temperature_c": "DOUBLE", "relative_humidity_pct": "DOUBLE", "solar_radiation_w_m2": "DOUBLE",
                  "wind_speed_m_s": "DOUBLE", "precipitation_probability_pct": "BIGINT", "precipitation_mm": "DOUBLE",
                  "cloud_cover_pct": "BIGINT"}


def weather_hour(rng, hour, cloud):
    sun = light_at(hour)
    return {
        "temperature_c": 21 + 9 * sun + rng.gauss(0, 0.6),
        "relative_humidity_pct": min(100, max(15, 70 - 30 * sun + rng.gauss(0, 4))),
        "solar_radiation_w_m2": 950 * sun * (1 - 0.7 * cloud / 100),
        "wind_speed_m_s": abs(rng.gauss(3.5, 1.5)),
        "precipitation_mm": 0.0 if rng.random() > 0.04 else round(rng.uniform(0.2, 4.0), 1),
        "cloud_cover_pct": cloud,
    }


def weather(lake, rng, day, day_index):
    """Hourly observations of the day and a 72-hour forecast issued at 06:00; returns the relative light."""
    dstr = day.isoformat()
    cloud_day = rng.choice([0, 5, 10, 20, 40, 75])
    irradiance = []
    rows = []
    for hour in range(24):
        cloud = max(0, min(100, cloud_day + rng.randrange(-5, 6)))
        w = weather_hour(rng, hour, cloud)
        irradiance.append(w["solar_radiation_w_m2"] / 950)
        moment = datetime.datetime.combine(day, datetime.time(hour))
        rows.append(Row([ts(moment), STATION, f"{w['temperature_c']:.1f}", f"{w['relative_humidity_pct']:.0f}",
                         f"{w['solar_radiation_w_m2']:.1f}", f"{w['wind_speed_m_s']:.1f}", str(rng.randrange(0, 360)),
                         f"{w['precipitation_mm']:.1f}", str(cloud), f"{1012 + rng.gauss(0, 2):.1f}"]))
    rel = f"bronze/weather/date={dstr}/historical/weather_historical.csv"
    if day_index % 3 == 1:
        # The station's logger drops an hour; another day it reports the sensor-fault sentinel.
        gap = rows.pop(rng.randrange(2, 22))
        lake.file_defect(rel, "missing_records", column="observation_time", value=gap.values[0],
                         detail="the station logger dropped this hour")
    if day_index % 3 == 2:
        row = rows[rng.randrange(24)]
        row.values[2] = "-999.0"
        row.defect("out_of_range", key=row.values[0], column="temperature_c", value="-999.0",
                   detail="sensor fault sentinel")
    if day_index % 4 == 0:
        original = rows[rng.randrange(len(rows))]
        rows.insert(rows.index(original) + 1, original.copy().defect(
            "duplicate", key=original.values[0], duplicate_of=original, detail="observation reported twice"))
    lake.write_csv(rel, list(HISTORICAL_TYPES), rows)

    issued = datetime.datetime.combine(day, datetime.time(6))
    forecast = []
    for ahead in range(1, 73):
        moment = issued + datetime.timedelta(hours=ahead)
        cloud = max(0, min(100, cloud_day + rng.randrange(-20, 21)))
        w = weather_hour(rng, moment.hour, cloud)
        forecast.append(Row([ts(issued), ts(moment), STATION, f"{w['temperature_c']:.1f}",
                             f"{w['relative_humidity_pct']:.0f}", f"{w['solar_radiation_w_m2']:.1f}",
                             f"{w['wind_speed_m_s']:.1f}", str(rng.randrange(0, 60, 5)), f"{w['precipitation_mm']:.1f}",
                             str(cloud)]))
    lake.write_csv(f"bronze/weather/date={dstr}/forecast/weather_forecast.csv", list(FORECAST_TYPES), forecast)
    return irradiance


# -- Growth tracking ---------------------------------------------------------------------------------

GROWTH_TYPES = {"record_id": "VARCHAR", "measurement_time": "TIMESTAMP", "tpu_id": "BIGINT", "reactor_id": "BIGINT",
                "optical_density_680": "DOUBLE", "dry_weight_g_l": "DOUBLE", "chlorophyll_a_mg_l": "DOUBLE",
                "ph": "DOUBLE", "temperature_c": "DOUBLE", "culture_volume_l": "DOUBLE",
                "harvested_volume_l": "DOUBLE", "operator": "VARCHAR", "notes": "VARCHAR"}
NOTES = ["", "", "", "", "foam on surface", "topped up with medium, 20 L", "harvested, washed sensor",
         "color slightly yellow; check nitrate", "sample taken late"]


def growth(lake, rng, day, cultures):
    """Manual lab entries: each reactor measured twice a day (morning and afternoon rounds)."""
    dstr = day.isoformat()
    rows = []
    for round_hour in (9, 15):
        for (tpu, reactor), culture in cultures.items():
            moment = datetime.datetime.combine(day, datetime.time(round_hour, rng.randrange(0, 50), 0))
            record_id = f"GT-{day.strftime('%Y%m%d')}-{round_hour:02d}-T{tpu:02d}R{reactor:02d}"
            weight = culture.density * rng.uniform(0.96, 1.04)
            values = [record_id, ts(moment), f"{tpu:02d}", f"{reactor:02d}", f"{weight * 0.52 + 0.03:.3f}",
                      f"{weight:.2f}", f"{weight * 11.5 * rng.uniform(0.9, 1.1):.2f}", f"{rng.gauss(7.6, 0.15):.2f}",
                      f"{rng.gauss(25, 1.2):.1f}", f"{rng.choice([480.0, 500.0, 520.0]):.1f}",
                      f"{culture.harvested * 120:.1f}" if round_hour == 15 else "0.0", rng.choice(OPERATORS),
                      rng.choice(NOTES)]
            row = Row(values)
            roll = rng.random()
            if roll < 0.03:
                row.values[5] = row.values[5].replace(".", ",")
                row.defect("wrong_type", key=record_id, column="dry_weight_g_l", value=row.values[5],
                           detail="decimal comma")
            elif roll < 0.05:
                row.values[3] = f"R{reactor}"
                row.defect("wrong_type", key=record_id, column="reactor_id", value=row.values[3],
                           detail="reactor typed as a label")
            elif roll < 0.06:
                row.values[0] = ""
                row.defect("missing_key", column="record_id", value="", detail="entry saved without an id")
            rows.append(row)
    original = rows[rng.randrange(len(rows))]
    rows.insert(rows.index(original) + 1, original.copy().defect(
        "duplicate", key=original.values[0], duplicate_of=original, detail="entry submitted twice"))
    lake.write_csv(f"bronze/growth_tracking/date={dstr}/growth_data.csv", list(GROWTH_TYPES), rows)
