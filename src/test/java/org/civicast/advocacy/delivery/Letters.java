package org.civicast.advocacy.delivery;

import java.util.List;

/** Sample letters for the tests. */
final class Letters {
    static final CwcAgent AGENT = new CwcAgent("Civicast Test Agent", "ack@agent.example.org", "Pat Agent",
            "pat@agent.example.org", "202-555-0100");

    private Letters() {}

    static Constituent constituent() {
        return new Constituent("Ms.", "Jane", "Q.", "Public", null, List.of("1100 Main St", "Apt 4"), "Arlington", "VA",
                "22201", "1234", "(703) 555-0123", "jane.public@example.com");
    }

    static Letter to(Office office) {
        return to(office, "dlv_" + office.label().replaceAll("\\W", ""));
    }

    static Letter to(Office office, String deliveryId) {
        return new Letter(deliveryId, "cmp_01J0000000000000000000000A", office, constituent(),
                Message.of("Fund the libraries", "Our branch closes at noon on weekdays.",
                        "We urge you to support library funding.", "Education"),
                new SendingOrganization("Friends of Libraries", "A reading advocacy group.", "Sam Lee",
                        "sam@friends.example.org", "703-555-0199"));
    }

    static Office house() {
        return new Office("B001292", "HVA08", Chamber.HOUSE, "Rep. Don Beyer", null);
    }

    static Office senate() {
        return new Office("K000384", "SVA1", Chamber.SENATE, "Sen. Tim Kaine", null);
    }

    static Office custom(String email) {
        return new Office(null, null, Chamber.OTHER, "Mayor Alex Rivera", email);
    }
}
