package io.ueledger.command.push;

import io.ueledger.kernel.enrollment.Channel;

/** One channel of one enrollment: the unit a push wakes and bursts are coalesced by. */
record PushTarget(String enrollmentRef, Channel channel) {
}
