package io.bourse.events.order;

public enum OrderType { LIMIT, MARKET }
