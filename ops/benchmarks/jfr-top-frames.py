#!/usr/bin/env python3
"""Top frames of a Java Flight Recording: where the server's CPU samples land.

Usage: jfr-top-frames.py RECORDING.jfr [N] [FROM TO]
FROM and TO (HH:MM:SS, the recording machine's clock, as the load command's log prints each phase) keep only
the samples taken in that window, e.g. the command-channel phase alone. Reads `jfr print --events jdk.ExecutionSample --stack-depth 30` (the JDK's own jfr tool) and prints, as
markdown tables, the N most sampled top frames (self time) and the N most sampled ue-ledger / framework
frames of the application, Axon, the JDBC driver, CMS, password hashing and class loading anywhere on the
stack (total time, each counted once per sample).
"""
import collections
import re
import subprocess
import sys

recording = sys.argv[1]
top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 15
window = (sys.argv[3], sys.argv[4]) if len(sys.argv) > 4 else None
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "30", recording],
                      check=True, capture_output=True, text=True).stdout
samples = text.split("jdk.ExecutionSample {")[1:]
self_time = collections.Counter()
total_time = collections.Counter()
frame = re.compile(r"^\s+([\w$.<>]+\.[\w$<>]+)\(")
start_time = re.compile(r"startTime = (\d\d:\d\d:\d\d)")
if window:
    samples = [s for s in samples
               if (m := start_time.search(s)) and window[0] <= m.group(1) <= window[1]]
for sample in samples:
    frames = [m.group(1) for m in map(frame.match, sample.splitlines()) if m]
    if not frames:
        continue
    self_time[frames[0]] += 1
    for name in set(frames):
        if name.startswith(("io.ueledger.", "org.axonframework.commandhandling.", "org.axonframework.eventsourcing.",
                            "org.postgresql.jdbc.", "org.bouncycastle.cms.", "org.springframework.security.crypto.",
                            "com.fasterxml.jackson.databind.ObjectMapper", "org.springframework.boot.loader.")):
            total_time[name] += 1
count = len(samples)
print(f"{count} execution samples\n")
print("| top frame (self) | samples | share |\n|---|---:|---:|")
for name, n in self_time.most_common(top_n):
    print(f"| `{name}` | {n} | {100.0 * n / count:.1f}% |")
print("\n| frame anywhere on the stack (total) | samples | share |\n|---|---:|---:|")
for name, n in total_time.most_common(top_n):
    print(f"| `{name}` | {n} | {100.0 * n / count:.1f}% |")
