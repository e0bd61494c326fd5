#!/usr/bin/env python3
"""Where a Java Flight Recording's CPU samples go on the device command channel, by part of the request.

Usage: jfr-request-breakdown.py RECORDING.jfr FROM TO
FROM and TO (HH:MM:SS, the recording machine's clock) bound the samples, e.g. the load command's
command-channel phase as its log prints it. Each sample in the window is put in one bucket, the first that
matches its stack (read with the JDK's `jfr print --events jdk.ExecutionSample --stack-depth 64`): parts of a
command-channel request (its stack holds CommandChannelController), event processors, the HTTP layer outside
the controller, or other. Prints a markdown table.
"""
import collections
import re
import subprocess
import sys

recording, start, end = sys.argv[1], sys.argv[2], sys.argv[3]
text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", recording],
                      check=True, capture_output=True, text=True).stdout
frame = re.compile(r"^\s+([\w$.<>]+\.[\w$<>]+)\(")
start_time = re.compile(r"startTime = (\d\d:\d\d:\d\d)")
REQUEST_PARTS = [
    ("request: CMS signature check (Mdm-Signature)", "DeviceRequestAuthenticator"),
    ("request: plist parse", "SafePlist"),
    ("request: aggregate load (events read and decrypted)", "EventSourcingRepository.doLoad"),
    ("request: writer lock (advisory lock, cache check)", "AggregateWriterLock"),
    ("request: subscribing lookups in the command's transaction", "SubscribingEventProcessor"),
    ("request: events appended (serialised, encrypted, inserted)", "AbstractEventStore.prepareCommit"),
    ("request: command body read", "MdmCommandBodies"),
]
buckets = collections.Counter()
samples = 0
for sample in text.split("jdk.ExecutionSample {")[1:]:
    when = start_time.search(sample)
    if not when or not (start <= when.group(1) <= end):
        continue
    frames = [m.group(1) for m in map(frame.match, sample.splitlines()) if m]
    if not frames:
        continue
    samples += 1
    stack = " ".join(frames)
    if "CommandChannelController" in stack:
        bucket = next((name for name, marker in REQUEST_PARTS if marker in stack), "request: other (command bus, aggregate handler, response)")
    elif "LedgerAppender" in stack:
        bucket = "processor: ledger"
    elif re.search(r"TrackingEventProcessor|PooledStreamingEventProcessor|WorkPackage|Coordinator", stack):
        view = re.search(r"io\.ueledger\.(?:query|command)\.(\w+)\.", stack)
        bucket = "processor: " + (view.group(1) if view else "Axon and JDBC (reading events, tokens)")
    elif re.search(r"org\.apache\.(catalina|tomcat|coyote)|springframework\.security", stack):
        bucket = "HTTP layer outside the controller (Tomcat, Spring Security, MVC)"
    elif frames[-1].startswith("org.axonframework"):
        bucket = "Axon frames of a stack deeper than 64 (command handling)"
    else:
        bucket = "other: " + frames[-1]
    buckets[bucket] += 1
print(f"{samples} execution samples between {start} and {end}\n")
print("| part | samples | share |\n|---|---:|---:|")
for name, n in buckets.most_common(25):
    print(f"| {name} | {n} | {100.0 * n / samples:.1f}% |")
