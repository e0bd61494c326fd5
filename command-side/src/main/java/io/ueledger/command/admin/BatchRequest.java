package io.ueledger.command.admin;

/** A group command: the selector and the one command each selected device is asked about. */
public record BatchRequest(BatchSelector selector, MdmCommandInput command) {
}
