package org.civicast.sending.gateway;

import java.time.Instant;

/** A message someone sent to one of the organization's numbers. */
public record InboundSms(String providerId, String from, String to, String body, Instant at) {}
