package org.civicast.advocacy.delivery;

/**
 * Who sends CWC messages: the delivery agent named in the CWC vendor agreement.
 *
 * @param name         the agent's name, exactly as registered with the API key
 * @param ackEmail     where the receiving system sends acknowledgements
 * @param contactName  a person to contact about deliveries
 * @param contactEmail that person's email
 * @param contactPhone that person's phone, {@code xxx-xxx-xxxx}
 */
public record CwcAgent(String name, String ackEmail, String contactName, String contactEmail, String contactPhone) {}
