package io.ueledger.command.admin;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import io.ueledger.command.plist.SafePlistParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;

/**
 * Reads an uploaded .mobileconfig: base64, at most {@value #MAX_BYTES} bytes, plain XML/binary plist
 * or CMS SignedData around one (the signed content is what the device applies, so that is what the
 * policy inspects), parsed only by the hardened {@link SafePlistParser}.
 */
final class ProfileReader {

    static final int MAX_BYTES = 1024 * 1024;

    private ProfileReader() {
    }

    static ProfileDocument read(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new InvalidMdmCommand("InstallProfile needs 'payload': the configuration profile (.mobileconfig),"
                    + " base64-encoded");
        }
        String compact = base64.replaceAll("\\s", "");
        if ((long) compact.length() * 3 / 4 > MAX_BYTES + 2) {
            throw tooLarge(compact.length() * 3L / 4);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new InvalidMdmCommand("'payload' is not valid base64: " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(bytes.length);
        }
        boolean signed = !looksLikePlist(bytes);
        byte[] content = signed ? signedContent(bytes) : bytes;
        NSObject parsed;
        try {
            parsed = SafePlistParser.parse(content);
        } catch (IllegalArgumentException e) {
            throw new InvalidMdmCommand("the profile cannot be read: " + e.getMessage(), e);
        }
        if (!(parsed instanceof NSDictionary profile)) {
            throw new InvalidMdmCommand("the profile must be a dictionary at its top level");
        }
        Map<String, Object> topLevel = new LinkedHashMap<>(PlistValues.tree(profile));
        Object content0 = topLevel.remove("PayloadContent");
        List<Map<String, Object>> payloads = new ArrayList<>();
        if (content0 != null) {
            if (!(profile.objectForKey("PayloadContent") instanceof NSArray) || !(content0 instanceof List<?> list)) {
                throw new InvalidMdmCommand("the profile's PayloadContent must be an array of payload dictionaries");
            }
            int index = 0;
            for (Object element : list) {
                index++;
                if (!(element instanceof Map<?, ?> map)) {
                    throw new InvalidMdmCommand("payload " + index + " of the profile is not a dictionary");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> payload = (Map<String, Object>) map;
                payloads.add(payload);
            }
        }
        if (!(topLevel.get("PayloadIdentifier") instanceof String id) || id.isBlank()) {
            throw new InvalidMdmCommand("the profile has no PayloadIdentifier, so it could never be removed again");
        }
        return new ProfileDocument(bytes, topLevel, payloads, signed);
    }

    private static boolean looksLikePlist(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.ISO_8859_1).stripLeading();
        return head.startsWith("<") || head.startsWith("bplist") || head.startsWith("\uFEFF")
                || head.startsWith("\u00EF\u00BB\u00BF");
    }

    private static byte[] signedContent(byte[] bytes) {
        try {
            CMSSignedData signed = new CMSSignedData(bytes);
            if (signed.getSignedContent() == null || !(signed.getSignedContent().getContent() instanceof byte[] c)) {
                throw new InvalidMdmCommand("the signed profile carries no content (a detached signature?)");
            }
            return c;
        } catch (CMSException | RuntimeException e) {
            if (e instanceof InvalidMdmCommand invalid) {
                throw invalid;
            }
            throw new InvalidMdmCommand("the profile is neither a property list nor a CMS-signed one", e);
        }
    }

    private static MdmPayloadTooLarge tooLarge(long size) {
        return new MdmPayloadTooLarge("the profile is " + size + " bytes; at most " + MAX_BYTES
                + " bytes (1 MiB) are accepted");
    }
}
