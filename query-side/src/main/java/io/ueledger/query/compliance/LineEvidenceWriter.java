package io.ueledger.query.compliance;

import io.ueledger.kernel.device.DataClass;
import io.ueledger.kernel.policy.CanCannotLine;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the evidence tallies of one "MDM can / can't" line into its verdict and a sentence a
 * compliance officer can check against the cited events. The wording is generic, driven by the
 * line's related request types from the matrix; three lines add what only they can show
 * (passcode details, unenrollment proof, what unenrollment removed).
 */
final class LineEvidenceWriter {

    static final String REQUIRE_PASSCODE = "can.require-passcode";
    static final String REMOVE_MANAGED_DATA = "can.remove-managed-data";
    static final String PERSONAL_DATA_REMOVAL = "cannot.personal-data-removal";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private LineEvidenceWriter() {
    }

    static ReportLine write(CanCannotLine line, ComplianceEvidenceStore.LineTallies tallies,
                            List<UnenrollmentProof> unenrollments, boolean singleEnrollment) {
        Map<EvidenceKind, Tally> direct = tallies.direct(line.id());
        Map<EvidenceKind, Tally> limited = tallies.limited(line.id());
        List<String> eventIds = new ArrayList<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (EvidenceKind kind : EvidenceKind.values()) {
            Tally tally = direct.getOrDefault(kind, Tally.NONE);
            if (tally.count() > 0) {
                counts.put(kind.name().toLowerCase(), tally.count());
            }
        }
        Tally limitedDelivered = limited.getOrDefault(EvidenceKind.DELIVERED, Tally.NONE);
        if (limitedDelivered.count() > 0) {
            counts.put("delivered_limited", limitedDelivered.count());
        }
        return line.side() == CanCannotLine.Side.CANNOT
                ? cannot(line, direct, limited, unenrollments, singleEnrollment, eventIds, counts)
                : can(line, direct, unenrollments, singleEnrollment, eventIds, counts);
    }

    private static ReportLine cannot(CanCannotLine line, Map<EvidenceKind, Tally> direct,
                                     Map<EvidenceKind, Tally> limited, List<UnenrollmentProof> unenrollments,
                                     boolean single, List<String> eventIds, Map<String, Long> counts) {
        Tally delivered = direct.getOrDefault(EvidenceKind.DELIVERED, Tally.NONE);
        Tally queued = direct.getOrDefault(EvidenceKind.QUEUED, Tally.NONE);
        Tally refused = direct.getOrDefault(EvidenceKind.REFUSED, Tally.NONE);
        List<String> parts = new ArrayList<>();
        LineVerdict verdict;
        if (delivered.count() > 0) {
            verdict = LineVerdict.VIOLATED;
            parts.add("VIOLATED: " + String.join(", ", delivered.requestTypes()) + " delivered to the device "
                    + times(delivered.count()) + ", first on " + day(delivered.first())
                    + (queued.actors().isEmpty() ? "" : ", queued by " + String.join(", ", queued.actors()))
                    + cite(delivered, eventIds));
        } else {
            verdict = refused.count() > 0 ? LineVerdict.ATTEMPTED_AND_REFUSED : LineVerdict.HELD;
            parts.add("no " + expected(line) + " was ever delivered");
            if (queued.count() > 0) {
                parts.add(times(queued.count()) + " queued but never delivered" + cite(queued, eventIds));
            }
        }
        Tally limitedDelivered = limited.getOrDefault(EvidenceKind.DELIVERED, Tally.NONE);
        if (limitedDelivered.count() > 0) {
            Tally limitedQueued = limited.getOrDefault(EvidenceKind.QUEUED, Tally.NONE);
            parts.add(String.join(", ", limitedDelivered.requestTypes()) + " only ever sent in the form the policy"
                    + " allows, without what this line forbids (" + times(limitedDelivered.count()) + " delivered"
                    + (limitedQueued.narrowed() > 0 ? ", " + limitedQueued.narrowed() + " narrowed by the policy" : "")
                    + ")" + cite(limitedDelivered, eventIds));
        }
        if (refused.count() > 0) {
            parts.add(refusals(refused, eventIds));
        }
        if (line.id().equals(PERSONAL_DATA_REMOVAL) && !unenrollments.isEmpty()) {
            parts.add(single ? "unenrollment removed only what this MDM installed: " + removed(unenrollments.get(0))
                    : unenrollments.size() + " unenrollment(s) removed only what this MDM had installed");
        }
        return new ReportLine(line.id(), "cannot", line.text(), verdict, sentence(parts), eventIds, counts);
    }

    private static ReportLine can(CanCannotLine line, Map<EvidenceKind, Tally> direct,
                                  List<UnenrollmentProof> unenrollments, boolean single, List<String> eventIds,
                                  Map<String, Long> counts) {
        Tally acknowledged = direct.getOrDefault(EvidenceKind.ACKNOWLEDGED, Tally.NONE);
        Tally failed = direct.getOrDefault(EvidenceKind.FAILED, Tally.NONE);
        Tally refused = direct.getOrDefault(EvidenceKind.REFUSED, Tally.NONE);
        boolean unenrolled = line.id().equals(REMOVE_MANAGED_DATA) && !unenrollments.isEmpty();
        List<String> parts = new ArrayList<>();
        if (acknowledged.count() > 0) {
            parts.add(String.join(", ", acknowledged.requestTypes()) + " carried out by the device "
                    + times(acknowledged.count()) + ", first on " + day(acknowledged.first())
                    + (acknowledged.count() > 1 ? ", last on " + day(acknowledged.last()) : "")
                    + cite(acknowledged, eventIds));
            Tally installed = direct.getOrDefault(EvidenceKind.PROFILE_INSTALLED, Tally.NONE);
            if (line.id().equals(REQUIRE_PASSCODE) && installed.count() > 0) {
                parts.add("passcode policy installed on " + day(installed.first()) + " ("
                        + String.join(", ", installed.subjects()) + "): the device requires at least 6 characters"
                        + " and forbids simple values such as 123456, the most User Enrollment allows");
            } else if (installed.count() > 0) {
                parts.add("profiles installed: " + String.join(", ", installed.subjects()));
            }
            Tally apps = direct.getOrDefault(EvidenceKind.APP_INSTALLED, Tally.NONE);
            if (apps.count() > 0) {
                parts.add("managed apps installed: " + String.join(", ", apps.subjects()));
            }
        } else if (!unenrolled) {
            parts.add("not used: no " + expected(line) + " was carried out");
        }
        if (unenrolled) {
            parts.add(single ? unenrollment(unenrollments.get(0), eventIds) : fleetUnenrollments(unenrollments));
        }
        if (failed.count() > 0) {
            parts.add(times(failed.count()) + " failed on the device" + cite(failed, eventIds));
        }
        if (refused.count() > 0) {
            parts.add(refusals(refused, eventIds));
        }
        LineVerdict verdict = acknowledged.count() > 0 || unenrolled ? LineVerdict.USED : LineVerdict.NOT_USED;
        return new ReportLine(line.id(), "can", line.text(), verdict, sentence(parts), eventIds, counts);
    }

    private static String unenrollment(UnenrollmentProof proof, List<String> eventIds) {
        eventIds.addAll(proof.eventIds());
        String classes = proof.keysDestroyed() == null || proof.keysDestroyed().isEmpty() ? "no data classes"
                : proof.keysDestroyed().stream().map(DataClass::description).collect(Collectors.joining(", "));
        return "unenrolled on " + day(proof.closedAt()) + " (" + closure(proof.closureReason())
                + "); keys destroyed for classes " + classes + "; removed " + removed(proof);
    }

    private static String fleetUnenrollments(List<UnenrollmentProof> proofs) {
        long complete = proofs.stream().filter(UnenrollmentProof::complete).count();
        return proofs.size() + " enrollment(s) unenrolled; " + complete + " of them with the keys of every"
                + " separated data class destroyed and their managed items listed as removed";
    }

    private static String removed(UnenrollmentProof proof) {
        return "profiles " + listOrNone(proof.removedProfiles()) + ", apps " + listOrNone(proof.removedApps())
                + (proof.removedAccounts() == null || proof.removedAccounts().isEmpty() ? ""
                        : ", accounts " + String.join(", ", proof.removedAccounts()));
    }

    private static String closure(String reason) {
        if (reason == null) {
            return "reason not recorded";
        }
        return switch (reason) {
            case "CHECKED_OUT" -> "the user removed the enrollment";
            case "UNENROLLED_BY_ADMIN" -> "unenrolled by an admin";
            case "APNS_UNREGISTERED" -> "the device is no longer registered for push";
            case "SILENCE" -> "the device stayed silent after an unenrollment request";
            default -> reason;
        };
    }

    private static String refusals(Tally refused, List<String> eventIds) {
        return (refused.count() == 1 ? "1 attempt" : refused.count() + " attempts") + " refused, first on "
                + day(refused.first()) + " by " + String.join(", ", refused.actors())
                + " (" + String.join(", ", refused.requestTypes()) + "; rule " + String.join(", ", refused.rules())
                + ")" + cite(refused, eventIds);
    }

    /** What the line is about, from the matrix: "DeviceLocation", "DeviceInformation with Queries.UDID, … and 8 more". */
    static String expected(CanCannotLine line) {
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (String subject : line.relatedSubjects()) {
            String[] parts = subject.split(" ", 2);
            List<String> keys = byType.computeIfAbsent(parts[0], t -> new ArrayList<>());
            if (parts.length == 2) {
                keys.add(parts[1]);
            }
        }
        if (byType.isEmpty()) {
            return "command of this kind";
        }
        List<String> described = new ArrayList<>();
        byType.forEach((type, keys) -> described.add(keys.isEmpty() ? type : type + " with " + firstFew(keys)));
        return String.join(" or ", described);
    }

    private static String firstFew(List<String> keys) {
        Set<String> unique = new LinkedHashSet<>(keys);
        List<String> list = new ArrayList<>(unique);
        return list.size() <= 3 ? String.join(", ", list)
                : String.join(", ", list.subList(0, 3)) + " and " + (list.size() - 3) + " more";
    }

    private static String cite(Tally tally, List<String> eventIds) {
        if (tally.eventIds().isEmpty()) {
            return "";
        }
        tally.eventIds().stream().filter(id -> !eventIds.contains(id)).forEach(eventIds::add);
        String first = tally.eventIds().get(0);
        return " (event " + (first.length() > 8 ? first.substring(0, 8) + "…" : first)
                + (tally.eventIds().size() > 1 ? " and others" : "") + ")";
    }

    private static String times(long n) {
        return n == 1 ? "once" : n + " times";
    }

    private static String listOrNone(List<String> items) {
        return items == null || items.isEmpty() ? "none" : String.join(", ", items);
    }

    private static String day(Instant instant) {
        return instant == null ? "an unknown date" : DAY.format(instant);
    }

    private static String sentence(List<String> parts) {
        String text = String.join("; ", parts);
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
    }
}
