#!/usr/bin/env python3
"""Top frames of a Java Flight Recording: where the server's CPU samples land.

Usage: jfr-top-frames.py RECORDING.jfr [N] [FROM TO] [--threads PREFIX[,PREFIX...]]
FROM and TO (HH:MM:SS, the recording machine's clock, as the load command's log prints each phase) keep only
the samples taken in that window, e.g. the command-channel phase alone. Reads `jfr print --events jdk.ExecutionSample --stack-depth 30` (the JDK's own jfr tool) and prints, as
markdown tables, the N most sampled top frames (self time) and the N most sampled ue-ledger / framework
frames of the application, Axon, the JDBC driver, CMS, password hashing and class loading anywhere on the
stack (total time, each counted once per sample).
--threads keeps only the samples of threads whose names start with one of the prefixes, e.g. one view's
processor during a rebuild: --threads "Coordinator[enrollment-registry],WorkPackage[enrollment-registry]".
Record with -XX:FlightRecorderOptions:maxchunksize=500M (one chunk): the JDK 17 jfr tool printed wrong method
names for, or failed on, recordings of several chunks.
"""
import collections
import re
import subprocess
import sys

args = sys.argv[1:]
threads = None
if "--threads" in args:
    at = args.index("--threads")
    threads = tuple(args[at + 1].split(","))
    del args[at:at + 2]
recording = args[0]
top_n = int(args[1]) if len(args) > 1 else 15
window = (args[2], args[3]) if len(args) > 3 else None
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
sampled_thread = re.compile(r'sampledThread = "([^"]*)"')
if threads:
    samples = [s for s in samples if (m := sampled_thread.search(s)) and m.group(1).startswith(threads)]
for sample in samples:
    frames = [m.group(1) for m in map(frame.match, sample.splitlines()) if m]
    if not frames:
        continue
    self_time[frames[0]] += 1
    for name in set(frames):
        if name.startswith(("io.ueledger.", "org.axonframework.commandhandling.", "org.axonframework.eventsourcing.",
                            "org.axonframework.eventhandling.pooled.",
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
