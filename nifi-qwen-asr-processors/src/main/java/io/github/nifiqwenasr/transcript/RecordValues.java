/*
 * Copyright 2026 the nifi-qwen-asr authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.nifiqwenasr.transcript;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The values of one record, in the order of its schema's field names: the map a {@code MapRecord} reads from, made of
 * one array instead of a hash table and an entry per field. A 12-hour transcript has over a hundred thousand word
 * records, and building a HashMap for each was most of the time its conversion to records took. Read-only; values
 * may be null.
 */
final class RecordValues extends AbstractMap<String, Object> {

    private final List<String> names;
    private final Object[] values;

    /** @param names the field names, shared by every record of a schema; {@code values} in the same order */
    RecordValues(final List<String> names, final Object... values) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " field names for " + values.length + " values");
        }
        this.names = names;
        this.values = values;
    }

    @Override
    public Object get(final Object key) {
        final int index = indexOf(key);
        return index < 0 ? null : values[index];
    }

    @Override
    public boolean containsKey(final Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        final int index = next++;
                        return new SimpleImmutableEntry<>(names.get(index), values[index]);
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }

    private int indexOf(final Object key) {
        for (int i = 0; i < values.length; i++) {
            if (names.get(i).equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
