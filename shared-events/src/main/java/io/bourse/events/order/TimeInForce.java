package io.bourse.events.order;

public enum TimeInForce { GTC, IOC, FOK }
