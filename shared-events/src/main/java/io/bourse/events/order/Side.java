package io.bourse.events.order;

public enum Side { BUY, SELL }
