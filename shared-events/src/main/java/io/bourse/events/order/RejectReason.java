package io.bourse.events.order;

public enum RejectReason { INSUFFICIENT_FUNDS, UNKNOWN_INSTRUMENT, UNKNOWN_ACCOUNT, INVALID_PRICE }
