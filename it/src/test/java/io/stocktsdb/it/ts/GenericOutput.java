package io.stocktsdb.it.ts;

import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Lettuce output that keeps any reply as plain Java objects: Long, Double, Boolean, String
 * (bulk and simple strings), {@link ErrorReply} for errors nested in arrays, List (arrays and
 * sets), LinkedHashMap (RESP3 maps), null. A top-level error still fails the command.
 */
final class GenericOutput extends CommandOutput<String, String, Object> {
    /** An error reply found inside an aggregate (TS.MADD). */
    record ErrorReply(String message) {}

    private static final class Frame {
        final int expected;
        final List<Object> items;
        final boolean map;

        Frame(int expected, boolean map) {
            this.expected = expected;
            this.map = map;
            this.items = new ArrayList<>(Math.max(0, expected));
        }
    }

    private final Deque<Frame> stack = new ArrayDeque<>();

    GenericOutput() {
        super(StringCodec.UTF8, null);
    }

    @Override
    public void set(ByteBuffer bytes) {
        add(bytes == null ? null : decodeString(bytes));
    }

    @Override
    public void setSingle(ByteBuffer bytes) {
        add(bytes == null ? null : decodeString(bytes));
    }

    @Override
    public void set(long integer) {
        add(integer);
    }

    @Override
    public void set(double number) {
        add(number);
    }

    @Override
    public void set(boolean value) {
        add(value);
    }

    @Override
    public void setError(ByteBuffer error) {
        setError(decodeString(error));
    }

    @Override
    public void setError(String error) {
        if (stack.isEmpty()) {
            super.setError(error);
        } else {
            add(new ErrorReply(error));
        }
    }

    @Override
    public void multi(int count) {
        open(count, false);
    }

    @Override
    public void multiArray(int count) {
        open(count, false);
    }

    @Override
    public void multiSet(int count) {
        open(count, false);
    }

    @Override
    public void multiMap(int count) {
        open(count * 2, true);
    }

    private void open(int count, boolean map) {
        if (count <= 0) {
            add(map ? new LinkedHashMap<>() : new ArrayList<>());
            return;
        }
        stack.push(new Frame(count, map));
    }

    private void add(Object value) {
        if (stack.isEmpty()) {
            output = value;
            return;
        }
        Frame top = stack.peek();
        top.items.add(value);
        if (top.items.size() == top.expected) {
            stack.pop();
            add(top.map ? toMap(top.items) : top.items);
        }
    }

    private static Map<Object, Object> toMap(List<Object> items) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) m.put(items.get(i), items.get(i + 1));
        return m;
    }
}
