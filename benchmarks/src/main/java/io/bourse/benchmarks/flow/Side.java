package io.bourse.benchmarks.flow;

enum Side {
    BUY, SELL
}
