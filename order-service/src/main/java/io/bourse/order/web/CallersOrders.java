package io.bourse.order.web;

import io.bourse.events.order.OrderNotFoundException;
import io.bourse.order.query.FindOrder;
import io.bourse.order.query.OrderView;
import io.bourse.platform.security.Access;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/** Orders by id as the caller may see them: their own (an admin's: any); another's is answered as unknown. */
@Component
class CallersOrders {

    private final QueryGateway queries;
    private final Access access;

    CallersOrders(QueryGateway queries, Access access) {
        this.queries = queries;
        this.access = access;
    }

    OrderView get(String orderId) {
        return find(orderId).filter(order -> access.mayActOn(order.accountId()))
                .orElseThrow(() -> new OrderNotFoundException("no order " + orderId));
    }

    private Optional<OrderView> find(String orderId) {
        return queries.query(new FindOrder(orderId), ResponseTypes.optionalInstanceOf(OrderView.class)).join();
    }
}
