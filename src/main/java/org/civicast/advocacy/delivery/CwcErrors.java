package org.civicast.advocacy.delivery;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.NodeList;

/** The reasons in a CWC error answer: its {@code <Error>} elements, or else its text. */
final class CwcErrors {
    private static final int MAX_CHARS = 2000;

    private CwcErrors() {}

    static String from(byte[] body) {
        List<String> errors = new ArrayList<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // The answer comes from outside: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            NodeList nodes = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getElementsByTagName("Error");
            for (int i = 0; i < nodes.getLength(); i++) {
                String text = nodes.item(i).getTextContent().strip();
                if (!text.isEmpty()) errors.add(text);
            }
        } catch (Exception notXml) {
            // plain text, or nothing: the body is the reason
        }
        String reason = errors.isEmpty() ? new String(body, java.nio.charset.StandardCharsets.UTF_8).strip()
                : String.join("; ", errors);
        if (reason.isEmpty()) reason = "no reason given";
        return reason.length() > MAX_CHARS ? reason.substring(0, MAX_CHARS) + "…" : reason;
    }
}
