package io.ueledger.command.plist;

import com.dd.plist.BinaryPropertyListParser;
import com.dd.plist.NSObject;
import com.dd.plist.XMLPropertyListParser;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * Parses property lists from untrusted senders. XML is read by a DOM parser that loads no external
 * DTD or entity and expands none, and any document declaring entities is refused before parsing
 * (Apple's plists have a DOCTYPE line but never an internal subset), so neither external-entity
 * (XXE) reads nor entity-expansion bombs get through. The DOM is then handed to dd-plist.
 * Binary plists ({@code bplist00}) carry no entities and go to dd-plist directly.
 */
public final class SafePlistParser {

    private static final DocumentBuilderFactory FACTORY = hardenedFactory();
    /**
     * One parser per request thread, reset before each use: making a DOM parser (Xerces' configuration and
     * buffers) cost about a fifth of a parse on every device request. {@link DocumentBuilder#reset()} puts it
     * back to the state the hardened factory made it in; the resolver and error handler are set again.
     */
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(() -> {
        try {
            return FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the hardened XML parser cannot be made", e);
        }
    });

    private SafePlistParser() {
    }

    /** @throws IllegalArgumentException with a readable reason when the bytes are not an acceptable plist */
    public static NSObject parse(byte[] bytes) {
        try {
            if (bytes.length >= 8 && new String(bytes, 0, 8, StandardCharsets.US_ASCII).equals("bplist00")) {
                return BinaryPropertyListParser.parse(bytes);
            }
            String head = new String(bytes, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
            if (head.contains("<!ENTITY")) {
                throw new IllegalArgumentException("the property list declares XML entities, which a device never "
                        + "sends; refused to protect the server (XXE / entity expansion)");
            }
            DocumentBuilder builder = BUILDERS.get();
            builder.reset();
            // Apple's DOCTYPE names an http DTD; never fetch it (or anything else).
            builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            builder.setErrorHandler(null);
            Document document = builder.parse(new ByteArrayInputStream(bytes));
            return XMLPropertyListParser.parse(document);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("the content is not a readable property list: " + e.getMessage(), e);
        }
    }

    private static DocumentBuilderFactory hardenedFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the XML parser cannot be hardened", e);
        }
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        factory.setValidating(false);
        factory.setIgnoringComments(true);
        return factory;
    }
}
