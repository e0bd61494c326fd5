package io.ueledger.command.fleet;

import io.ueledger.kernel.fleet.FleetTurns;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * {@link FleetTurns} on the installation's PostgreSQL: a named piece of work (the silence sweep, a
 * checkpoint, a push to one device) is done by one node per interval, whichever asks first. One
 * atomic upsert on {@code fleet_turn} (Flyway V153): it takes the turn only if nobody took it
 * within the interval, so no lock is held while the work runs and a dead node blocks nothing.
 */
public final class PostgresFleetTurns implements FleetTurns {

    private static final String TAKE = """
            insert into fleet_turn (name, taken_at, taken_by) values (?, now(), ?)
            on conflict (name) do update set taken_at = now(), taken_by = excluded.taken_by
             where fleet_turn.taken_at <= now() - make_interval(secs => ?)
            returning name""";

    private final DataSource dataSource;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();

    public PostgresFleetTurns(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean take(String name, Duration interval) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(TAKE)) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            statement.setString(1, name);
            statement.setString(2, node);
            // a little less than the interval, so a node's own fixed-rate schedule never skips its turn
            statement.setDouble(3, interval.toMillis() * 0.9 / 1000.0);
            try (ResultSet taken = statement.executeQuery()) {
                return taken.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the fleet turn '" + name + "'", e);
        }
    }
}
