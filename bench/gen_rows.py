#!/usr/bin/env python3
"""Writes N diary rows in trp's CSV import format (pain, task and factor rows, one every
few minutes from 2020-01-01), for the import and list benchmarks. usage: gen_rows.py N OUT"""
import sys

n, out = int(sys.argv[1]), sys.argv[2]
regions = ["temple.r", "top-of-shoulder.r", "back-neck.l", "low-back.l", "heel.r"]
tasks = ["computer work", "driving", "gardening", "phone calls"]
with open(out, "w") as f:
    f.write("time,kind,name,value,minutes,region,note\n")
    t = 1577836800  # 2020-01-01T00:00:00Z
    for i in range(n):
        t += 180
        days, rem = divmod(t, 86400)
        # civil date from days (Hinnant)
        z = days + 719468
        era = z // 146097
        doe = z - era * 146097
        yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
        y = yoe + era * 400
        doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
        mp = (5 * doy + 2) // 153
        d = doy - (153 * mp + 2) // 5 + 1
        m = mp + 3 if mp < 10 else mp - 9
        y += m <= 2
        ts = "%04d-%02d-%02dT%02d:%02d:%02d+00:00" % (y, m, d, rem // 3600, rem % 3600 // 60, rem % 60)
        k = i % 3
        if k == 0:
            f.write("%s,pain,,%d,,%s,\n" % (ts, i % 11, regions[i % 5]))
        elif k == 1:
            f.write("%s,task,%s,,%d,,\n" % (ts, tasks[i % 4], 15 + i % 120))
        else:
            f.write("%s,factor,stress,%d,,,\n" % (ts, i % 11))
