package dev.cartwright.jdbc;

import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A text form of records, for events in the outbox: JSON-shaped and pure ASCII (every other character is
 * written as {@code \}{@code uXXXX}), so that any database text type keeps it exactly.
 *
 * <p>A record is an object of its components by name, read back through its canonical constructor; a
 * component missing from the text (one added to the record later) reads as empty if it is an
 * {@link Optional}, else as a failure. Values are written by their declared types: {@code String},
 * {@code boolean}, {@code int}, {@code long} (and their boxes), {@code short}, {@code byte}, {@code double},
 * {@code char}, {@link BigDecimal}, {@link BigInteger}, {@link UUID}, {@link Instant}, {@link Currency}, enums,
 * {@link Optional} (as {@code []} or {@code [value]}), {@link List}, {@link Set}, {@link Map} (as a list of
 * {@code [key, value]} pairs, so keys may be records), records, and, where the declared type is an interface
 * or abstract (such as a sealed interface of records), {@code {"type": class name, "value": ...}}.
 * Stateless and thread-safe.
 */
final class RecordCodec {

    private static final String TYPE = "type";
    private static final String VALUE = "value";

    private RecordCodec() {
    }

    /**
     * @param record a record
     * @return its text
     * @throws IllegalArgumentException if a component has a type the codec cannot write
     */
    static String encode(Record record) {
        StringBuilder out = new StringBuilder();
        writeRecord(record, out);
        return out.toString();
    }

    /**
     * @param type the record class
     * @param text what {@link #encode} wrote for one of its records
     * @param <T> the record type
     * @return the record, rebuilt through its canonical constructor
     * @throws IllegalArgumentException if the text does not describe a {@code type}, or its constructor refuses it
     */
    static <T extends Record> T decode(Class<T> type, String text) {
        Parser parser = new Parser(text);
        Object tree = parser.value();
        parser.end();
        return type.cast(read(type, tree));
    }

    // Writing

    private static void write(Type declared, Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
            return;
        }
        Class<?> raw = rawClass(declared);
        if (raw == Optional.class) {
            Optional<?> optional = (Optional<?>) value;
            out.append('[');
            if (optional.isPresent()) {
                write(argument(declared, 0), optional.get(), out);
            }
            out.append(']');
        } else if (raw == List.class || raw == Set.class || raw == Collection.class) {
            out.append('[');
            boolean first = true;
            for (Object element : (Collection<?>) value) {
                first = comma(first, out);
                write(argument(declared, 0), element, out);
            }
            out.append(']');
        } else if (raw == Map.class) {
            out.append('[');
            boolean first = true;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                first = comma(first, out);
                out.append('[');
                write(argument(declared, 0), entry.getKey(), out);
                out.append(',');
                write(argument(declared, 1), entry.getValue(), out);
                out.append(']');
            }
            out.append(']');
        } else if (raw == String.class) {
            writeString((String) value, out);
        } else if (raw == boolean.class || raw == Boolean.class || raw == int.class || raw == Integer.class
                || raw == long.class || raw == Long.class || raw == short.class || raw == Short.class
                || raw == byte.class || raw == Byte.class) {
            out.append(value);
        } else if (raw == double.class || raw == Double.class || raw == char.class || raw == Character.class
                || raw == BigDecimal.class || raw == BigInteger.class || raw == UUID.class || raw == Instant.class) {
            writeString(value.toString(), out);
        } else if (raw == Currency.class) {
            writeString(((Currency) value).getCurrencyCode(), out);
        } else if (raw.isEnum()) {
            writeString(((Enum<?>) value).name(), out);
        } else if (raw.isRecord()) {
            writeRecord((Record) value, out);
        } else if (isPolymorphic(raw)) {
            Class<?> actual = value.getClass();
            if (!actual.isRecord() && !actual.isEnum()) {
                throw new IllegalArgumentException("cannot write a " + actual.getName() + " declared as " + raw.getName());
            }
            out.append("{\"" + TYPE + "\":");
            writeString(actual.isEnum() ? ((Enum<?>) value).getDeclaringClass().getName() : actual.getName(), out);
            out.append(",\"" + VALUE + "\":");
            write(actual.isEnum() ? ((Enum<?>) value).getDeclaringClass() : actual, value, out);
            out.append('}');
        } else {
            throw new IllegalArgumentException("cannot write a value of type " + declared.getTypeName());
        }
    }

    private static void writeRecord(Record record, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            first = comma(first, out);
            writeString(component.getName(), out);
            out.append(':');
            write(component.getGenericType(), componentValue(component, record), out);
        }
        out.append('}');
    }

    private static Object componentValue(RecordComponent component, Record record) {
        try {
            var accessor = component.getAccessor();
            if (!accessor.canAccess(record)) {
                accessor.setAccessible(true);
            }
            return accessor.invoke(record);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + component.getName() + " of "
                    + record.getClass().getName(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("the accessor " + component.getName() + " of "
                    + record.getClass().getName() + " failed", e.getCause());
        }
    }

    private static boolean comma(boolean first, StringBuilder out) {
        if (!first) {
            out.append(',');
        }
        return false;
    }

    private static void writeString(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append('"');
    }

    // Reading

    private static Object read(Type declared, Object tree) {
        if (tree == null) {
            if (rawClass(declared).isPrimitive()) {
                throw new IllegalArgumentException("null for a " + declared.getTypeName());
            }
            return null;
        }
        Class<?> raw = rawClass(declared);
        if (raw == Optional.class) {
            List<?> items = as(List.class, tree, declared);
            if (items.size() > 1) {
                throw new IllegalArgumentException("an Optional of " + items.size() + " values");
            }
            return items.isEmpty() ? Optional.empty() : Optional.ofNullable(read(argument(declared, 0), items.get(0)));
        }
        if (raw == List.class || raw == Collection.class) {
            List<Object> list = new ArrayList<>();
            for (Object item : as(List.class, tree, declared)) {
                list.add(read(argument(declared, 0), item));
            }
            return Collections.unmodifiableList(list);
        }
        if (raw == Set.class) {
            Set<Object> set = new LinkedHashSet<>();
            for (Object item : as(List.class, tree, declared)) {
                set.add(read(argument(declared, 0), item));
            }
            return Collections.unmodifiableSet(set);
        }
        if (raw == Map.class) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (Object item : as(List.class, tree, declared)) {
                List<?> pair = as(List.class, item, declared);
                if (pair.size() != 2) {
                    throw new IllegalArgumentException("a map entry of " + pair.size() + " values");
                }
                map.put(read(argument(declared, 0), pair.get(0)), read(argument(declared, 1), pair.get(1)));
            }
            return Collections.unmodifiableMap(map);
        }
        if (raw.isRecord()) {
            return readRecord(raw, as(Map.class, tree, declared));
        }
        if (raw.isEnum()) {
            return enumConstant(raw, as(String.class, tree, declared));
        }
        if (isPolymorphic(raw)) {
            Map<?, ?> tagged = as(Map.class, tree, declared);
            Class<?> actual = loadClass(as(String.class, tagged.get(TYPE), declared));
            if (!raw.isAssignableFrom(actual)) {
                throw new IllegalArgumentException(actual.getName() + " is not a " + raw.getName());
            }
            return read(actual, tagged.get(VALUE));
        }
        return scalar(raw, tree, declared);
    }

    private static Object scalar(Class<?> raw, Object tree, Type declared) {
        try {
            if (raw == String.class) {
                return as(String.class, tree, declared);
            }
            if (raw == boolean.class || raw == Boolean.class) {
                return as(Boolean.class, tree, declared);
            }
            if (raw == int.class || raw == Integer.class) {
                return Integer.valueOf(as(BigInteger.class, tree, declared).intValueExact());
            }
            if (raw == long.class || raw == Long.class) {
                return Long.valueOf(as(BigInteger.class, tree, declared).longValueExact());
            }
            if (raw == short.class || raw == Short.class) {
                return Short.valueOf(as(BigInteger.class, tree, declared).shortValueExact());
            }
            if (raw == byte.class || raw == Byte.class) {
                return Byte.valueOf(as(BigInteger.class, tree, declared).byteValueExact());
            }
            String text = as(String.class, tree, declared);
            if (raw == double.class || raw == Double.class) {
                return Double.valueOf(text);
            }
            if (raw == char.class || raw == Character.class) {
                if (text.length() != 1) {
                    throw new IllegalArgumentException("a char of " + text.length() + " characters");
                }
                return Character.valueOf(text.charAt(0));
            }
            if (raw == BigDecimal.class) {
                return new BigDecimal(text);
            }
            if (raw == BigInteger.class) {
                return new BigInteger(text);
            }
            if (raw == UUID.class) {
                return UUID.fromString(text);
            }
            if (raw == Instant.class) {
                return Instant.parse(text);
            }
            if (raw == Currency.class) {
                return Currency.getInstance(text);
            }
        } catch (ArithmeticException | DateTimeParseException e) {
            throw new IllegalArgumentException("cannot read a " + raw.getName() + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("cannot read a value of type " + declared.getTypeName());
    }

    private static Object readRecord(Class<?> type, Map<?, ?> fields) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            if (fields.containsKey(component.getName())) {
                values[i] = read(component.getGenericType(), fields.get(component.getName()));
            } else if (component.getType() == Optional.class) {
                values[i] = Optional.empty();
            } else {
                throw new IllegalArgumentException(type.getName() + " lacks its component " + component.getName());
            }
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            if (!constructor.canAccess(null)) {
                constructor.setAccessible(true);
            }
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("the constructor of " + type.getName() + " refused the values",
                    e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot construct a " + type.getName(), e);
        }
    }

    private static Object enumConstant(Class<?> type, String name) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(type.getName() + " has no constant " + name);
    }

    /**
     * @param name a class name
     * @return the class, from the thread's context class loader or else the codec's own
     * @throws IllegalArgumentException if neither loads it
     */
    static Class<?> loadClass(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            try {
                return Class.forName(name, false, context);
            } catch (ClassNotFoundException | LinkageError e) {
                // fall through to the codec's loader
            }
        }
        try {
            return Class.forName(name, false, RecordCodec.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("class " + name + " is not loadable", e);
        }
    }

    private static <T> T as(Class<T> expected, Object tree, Type declared) {
        if (!expected.isInstance(tree)) {
            throw new IllegalArgumentException("expected " + expected.getSimpleName() + " for "
                    + declared.getTypeName() + ", found " + (tree == null ? "null" : tree.getClass().getSimpleName()));
        }
        return expected.cast(tree);
    }

    /** Primitive and array classes count as abstract, but a value of them is no subclass. */
    private static boolean isPolymorphic(Class<?> raw) {
        return !raw.isPrimitive() && !raw.isArray()
                && (raw.isInterface() || Modifier.isAbstract(raw.getModifiers()) || raw == Object.class);
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class) {
            return (Class<?>) type;
        }
        if (type instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) type).getRawType();
        }
        if (type instanceof WildcardType) {
            return rawClass(((WildcardType) type).getUpperBounds()[0]);
        }
        if (type instanceof GenericArrayType) {
            throw new IllegalArgumentException("arrays are not supported: " + type.getTypeName());
        }
        throw new IllegalArgumentException("type variables are not supported: " + type.getTypeName());
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType) {
            return ((ParameterizedType) type).getActualTypeArguments()[index];
        }
        throw new IllegalArgumentException("raw " + type.getTypeName() + " is not supported: declare its type arguments");
    }

    /**
     * Reads the JSON subset that {@link #write} produces: objects as maps, arrays as lists, strings,
     * integers as {@link BigInteger}, booleans and null.
     */
    private static final class Parser {

        private final String text;
        private int at;

        Parser(String text) {
            if (text == null) {
                throw new IllegalArgumentException("no text");
            }
            this.text = text;
        }

        Object value() {
            if (at >= text.length()) {
                throw fail("unexpected end");
            }
            char c = text.charAt(at);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 'n':
                    return literal("null", null);
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                default:
                    return number();
            }
        }

        void end() {
            if (at != text.length()) {
                throw fail("trailing text");
            }
        }

        private Map<String, Object> object() {
            at++;
            Map<String, Object> fields = new LinkedHashMap<>();
            if (peek() == '}') {
                at++;
                return fields;
            }
            while (true) {
                if (peek() != '"') {
                    throw fail("expected a name");
                }
                String name = string();
                expect(':');
                if (fields.containsKey(name)) {
                    throw fail("repeated name " + name);
                }
                if (fields.put(name, value()) != null) {
                    throw fail("repeated name " + name);
                }
                char c = next();
                if (c == '}') {
                    return fields;
                }
                if (c != ',') {
                    throw fail("expected ',' or '}'");
                }
            }
        }

        private List<Object> array() {
            at++;
            List<Object> items = new ArrayList<>();
            if (peek() == ']') {
                at++;
                return items;
            }
            while (true) {
                items.add(value());
                char c = next();
                if (c == ']') {
                    return items;
                }
                if (c != ',') {
                    throw fail("expected ',' or ']'");
                }
            }
        }

        private String string() {
            at++;
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return value.toString();
                }
                if (c != '\\') {
                    value.append(c);
                    continue;
                }
                char escape = next();
                if (escape == 'u') {
                    if (at + 4 > text.length()) {
                        throw fail("short \\u escape");
                    }
                    try {
                        value.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException e) {
                        throw fail("bad \\u escape");
                    }
                    at += 4;
                } else if (escape == '"' || escape == '\\') {
                    value.append(escape);
                } else {
                    throw fail("bad escape");
                }
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, at)) {
                throw fail("unexpected text");
            }
            at += word.length();
            return value;
        }

        private BigInteger number() {
            int start = at;
            if (peek() == '-') {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at)) && text.charAt(at) < 0x80) {
                at++;
            }
            try {
                return new BigInteger(text.substring(start, at));
            } catch (NumberFormatException e) {
                throw fail("expected a value");
            }
        }

        private void expect(char c) {
            if (next() != c) {
                throw fail("expected '" + c + "'");
            }
        }

        private char peek() {
            if (at >= text.length()) {
                throw fail("unexpected end");
            }
            return text.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }

        private IllegalArgumentException fail(String reason) {
            return new IllegalArgumentException(reason + " at " + at);
        }
    }
}
