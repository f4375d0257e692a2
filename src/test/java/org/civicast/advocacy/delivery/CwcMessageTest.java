package org.civicast.advocacy.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class CwcMessageTest {
    private static final LocalDate DAY = LocalDate.of(2030, 3, 4);

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> childNames(Document d, String path) {
        Node parent = FakeCwcServer.nodes(d, path).item(0);
        List<String> names = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) names.add(e.getTagName());
        }
        return names;
    }

    @Test
    void aCompleteLetterBecomesTheDocumentInCwcOrder() throws Exception {
        Letter letter = Letters.to(Letters.house());
        letter = new Letter(letter.deliveryId(), letter.campaignId(), letter.office(), letter.constituent(),
                new Message("Fund the libraries", "Mine.", "Ours.", "Education",
                        List.of(new Bill(118, BillType.HR, 1234)), Stance.PRO, "https://friends.example.org/libraries",
                        true, false),
                letter.organization());
        CwcMessage message = CwcMessage.of(letter, Letters.AGENT, DAY, Chamber.HOUSE);
        assertEquals(List.of(), message.problems());
        Document d = parse(message.xml());

        assertEquals(List.of("CWCVersion", "Delivery", "Recipient", "Constituent", "Message"), childNames(d, "/CWC"));
        assertEquals(List.of("DeliveryId", "DeliveryDate", "DeliveryAgent", "DeliveryAgentAckEmailAddress",
                "DeliveryAgentContact", "Organization", "OrganizationContact", "OrganizationAbout", "CampaignId"),
                childNames(d, "/CWC/Delivery"));
        assertEquals(List.of("MemberOffice", "IsResponseRequested", "NewsletterOptIn"), childNames(d, "/CWC/Recipient"));
        assertEquals(List.of("Prefix", "FirstName", "MiddleName", "LastName", "Address1", "Address2", "City",
                "StateAbbreviation", "Zip", "Phone", "Email"), childNames(d, "/CWC/Constituent"));
        assertEquals(List.of("Subject", "LibraryOfCongressTopics", "Bills", "ProOrCon", "OrganizationStatement",
                "ConstituentMessage", "MoreInfo"), childNames(d, "/CWC/Message"));

        assertEquals(CwcMessage.uid(letter.deliveryId()), FakeCwcServer.text(d, "/CWC/Delivery/DeliveryId"));
        assertEquals(32, message.deliveryId().length());
        assertEquals("20300304", FakeCwcServer.text(d, "/CWC/Delivery/DeliveryDate"));
        assertEquals("703-555-0123", FakeCwcServer.text(d, "/CWC/Constituent/Phone"));
        assertEquals("22201-1234", FakeCwcServer.text(d, "/CWC/Constituent/Zip"));
        assertEquals("hr", FakeCwcServer.text(d, "/CWC/Message/Bills/Bill/BillTypeAbbreviation"));
        assertEquals("pro", FakeCwcServer.text(d, "/CWC/Message/ProOrCon"));
        assertEquals("Y", FakeCwcServer.text(d, "/CWC/Recipient/IsResponseRequested"));
        assertEquals("N", FakeCwcServer.text(d, "/CWC/Recipient/NewsletterOptIn"));
        assertTrue(FakeCwcServer.text(d, "/CWC/Delivery/CampaignId").matches("[0-9a-f]{32}"));
    }

    @Test
    void everyAttemptAtOneDeliveryCarriesTheSameIds() {
        Letter letter = Letters.to(Letters.house(), "dlv_same");
        CwcMessage first = CwcMessage.of(letter, Letters.AGENT, DAY, Chamber.HOUSE);
        CwcMessage again = CwcMessage.of(letter, Letters.AGENT, DAY, Chamber.HOUSE);
        assertEquals(first.xml(), again.xml());
        CwcMessage other = CwcMessage.of(Letters.to(Letters.house(), "dlv_other"), Letters.AGENT, DAY, Chamber.HOUSE);
        assertTrue(!first.deliveryId().equals(other.deliveryId()));
    }

    @Test
    void textIsEscapedAndCharactersXmlCannotCarryAreDropped() throws Exception {
        String hostile = "a < b && c > d ]]> \"quoted\" 'single' <script>x</script>\r\nline two\u0001\u0000 é ✓ 🗳";
        Letter base = Letters.to(Letters.house());
        Letter letter = new Letter(base.deliveryId(), base.campaignId(), base.office(), base.constituent(),
                Message.of("Subject <&>", hostile, null, "Education"), null);
        CwcMessage message = CwcMessage.of(letter, Letters.AGENT, DAY, Chamber.HOUSE);
        assertEquals(List.of(), message.problems());
        Document d = parse(message.xml());
        assertEquals("a < b && c > d ]]> \"quoted\" 'single' <script>x</script>\nline two é ✓ 🗳",
                FakeCwcServer.text(d, "/CWC/Message/ConstituentMessage"));
        assertEquals("Subject <&>", FakeCwcServer.text(d, "/CWC/Message/Subject"));
        assertTrue(FakeCwcServer.nodes(d, "/CWC/Delivery/Organization").getLength() == 0);
    }

    @Test
    void missingAndMalformedFieldsAreReportedBeforeSending() {
        Constituent c = new Constituent("Mx.", " ", null, "Public", null, List.of(), "Arlington", "ZZ", "2220",
                null, "12", "not-an-email");
        Letter letter = new Letter("dlv_1", "cmp_1", new Office(null, "HVA4", Chamber.HOUSE, null, null), c,
                Message.of("", null, null, "Libraries"), null);
        CwcAgent agent = new CwcAgent("Agent", "ack@agent.example.org", "Pat", "pat@agent", "2025550100");
        List<String> problems = CwcMessage.of(letter, agent, DAY, Chamber.HOUSE).problems();
        for (String expected : List.of("DeliveryAgentContactEmail", "DeliveryAgentContactPhone", "MemberOffice",
                "Prefix", "FirstName", "Address1", "StateAbbreviation", "Zip", "Email", "Subject",
                "LibraryOfCongressTopic", "ConstituentMessage or OrganizationStatement")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(expected + ":")), expected + " in " + problems);
        }
        assertTrue(problems.stream().noneMatch(p -> p.startsWith("Phone")), "an unusable optional phone is left out");
    }

    @Test
    void theSenateTakesItsOwnPrefixesAndBillSpellings() throws Exception {
        Letter base = Letters.to(Letters.senate());
        Message withBill = new Message("Subject", "Text", null, "Health", List.of(new Bill(119, BillType.HCONRES, 12)),
                Stance.CON, null, null, null);
        Letter letter = new Letter(base.deliveryId(), base.campaignId(), base.office(), base.constituent(), withBill, null);
        CwcMessage message = CwcMessage.of(letter, Letters.AGENT, DAY, Chamber.SENATE);
        assertEquals(List.of(), message.problems());
        assertEquals("H.Con.Res", FakeCwcServer.text(parse(message.xml()), "/CWC/Message/Bills/Bill/BillTypeAbbreviation"));

        Constituent captain = new Constituent("Captain", "Jane", null, "Public", null, List.of("1 Main St"), "Arlington",
                "VA", "22201", null, null, "jane@example.com");
        Letter toSenate = new Letter("d", "c", Letters.senate(), captain, withBill, null);
        assertTrue(CwcMessage.of(toSenate, Letters.AGENT, DAY, Chamber.SENATE).problems().stream()
                .anyMatch(p -> p.startsWith("Prefix:")));
        Letter toHouse = new Letter("d", "c", Letters.house(), captain, withBill, null);
        assertEquals(List.of(), CwcMessage.of(toHouse, Letters.AGENT, DAY, Chamber.HOUSE).problems());
    }

    @Test
    void theTopicListIsTheThirtyTwoPolicyAreas() {
        assertEquals(32, CwcVocabulary.TOPICS.size());
        assertEquals(32, new java.util.HashSet<>(CwcVocabulary.TOPICS).size());
    }
}
