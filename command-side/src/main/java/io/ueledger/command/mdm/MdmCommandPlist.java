package io.ueledger.command.mdm;

import com.dd.plist.NSDictionary;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Builds the plist a device receives for a command: {@code {CommandUUID, Command{RequestType, …}}}. */
public final class MdmCommandPlist {

    private MdmCommandPlist() {
    }

    public static byte[] build(String commandUuid, String requestType, Map<String, Object> arguments) {
        NSDictionary command = new NSDictionary();
        command.put("RequestType", requestType);
        arguments.forEach(command::put);
        NSDictionary envelope = new NSDictionary();
        envelope.put("CommandUUID", commandUuid);
        envelope.put("Command", command);
        return envelope.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
    }
}
