package io.ueledger.ops.console.fleet;

import io.ueledger.query.compliance.FleetFigures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The refusal rows shaped for a stacked bar chart: one x label per day that had refusals, one
 * series per rule. The page hands this to ECharts as JSON and shows the same numbers as a table
 * for screen readers.
 */
public record RefusalChart(List<String> days, List<Series> series) {

    public record Series(String rule, List<Long> counts) {
    }

    public static RefusalChart of(List<FleetFigures.RefusalDay> rows) {
        TreeSet<LocalDate> days = new TreeSet<>();
        Map<String, Map<LocalDate, Long>> byRule = new LinkedHashMap<>();
        for (FleetFigures.RefusalDay row : rows) {
            days.add(row.day());
            byRule.computeIfAbsent(row.rule(), r -> new LinkedHashMap<>()).merge(row.day(), row.count(), Long::sum);
        }
        List<Series> series = new ArrayList<>();
        byRule.forEach((rule, counts) -> series.add(new Series(rule,
                days.stream().map(day -> counts.getOrDefault(day, 0L)).toList())));
        return new RefusalChart(days.stream().map(LocalDate::toString).toList(), series);
    }

    public boolean isEmpty() {
        return days.isEmpty();
    }
}
