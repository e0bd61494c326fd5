-- Fleet-wide history browsing (GET /api/history): filters by time range, event type and actor,
-- ordered by when it happened (ties in global order). Each index serves one filter combined with
-- that order; a device's own history keeps using device_history_by_enrollment.
CREATE INDEX device_history_by_time ON device_history (occurred_at, global_index);
CREATE INDEX device_history_by_type ON device_history (event_type, occurred_at);
CREATE INDEX device_history_by_actor ON device_history (actor, occurred_at);
