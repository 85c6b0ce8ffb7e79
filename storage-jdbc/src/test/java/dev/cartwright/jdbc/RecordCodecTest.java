package dev.cartwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cartwright.catalog.Sku;
import dev.cartwright.event.CommerceEvent;
import dev.cartwright.money.Money;
import dev.cartwright.order.OrderId;
import dev.cartwright.order.OrderPlaced;
import dev.cartwright.payment.PaymentAuthorized;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Round trips of {@link RecordCodec} over every event record in core, with random and hostile values. */
class RecordCodecTest {

    private static final List<String> HOSTILE = List.of("", " ", "\"", "\\", "\\\"", "\\u0041", "{\"type\":1}",
            "[]", "null", "'; DROP TABLE outbox; --", "\u0001\u001f\u007f\u0080\u00ff", "\r\n\t\b\f",
            "\uD83D\uDE00", "\uD800", "\uDFFF", "\uFFFF\uFFFE", "e\u0301", "\u202Eevil", "%_!", "0", "-0", "1e9");
    private static final List<Currency> CURRENCIES = List.copyOf(Currency.getAvailableCurrencies());

    /** Every kind of component the codec writes. */
    enum Colour { RED, GREEN }

    sealed interface Shape permits Circle, Square {
    }

    record Circle(long radius) implements Shape {
    }

    record Square(Optional<String> label) implements Shape {
    }

    record Everything(String text, boolean flag, int small, long big, Integer boxed, short shortValue, byte byteValue,
            double real, char letter, BigDecimal decimal, BigInteger integer, UUID uuid, Instant instant,
            Currency currency, Colour colour, Optional<Optional<String>> nested, List<Sku> skus, Set<Colour> colours,
            Map<String, List<Money>> byName, Map<Sku, Long> bySku, Shape shape, List<Shape> shapes, Object anything,
            String nothing) {
    }

    @Test
    void everyCommerceEventOfCoreRoundTripsWithRandomAndHostileValues() {
        List<Class<?>> events = commerceEventRecords();
        assertThat(events).contains(OrderPlaced.class, PaymentAuthorized.class).hasSizeGreaterThanOrEqualTo(9);
        long seed = new Random().nextLong();
        System.out.println("RecordCodecTest.everyCommerceEventOfCoreRoundTripsWithRandomAndHostileValues seed = " + seed);
        Random random = new Random(seed);
        for (Class<?> type : events) {
            for (int i = 0; i < 200; i++) {
                Record event = (Record) generate(type, random);
                assertRoundTrips(event, "seed " + seed);
            }
        }
    }

    @Test
    void everySupportedKindOfComponentRoundTrips() {
        long seed = new Random().nextLong();
        System.out.println("RecordCodecTest.everySupportedKindOfComponentRoundTrips seed = " + seed);
        Random random = new Random(seed);
        for (int i = 0; i < 500; i++) {
            assertRoundTrips((Record) generate(Everything.class, random), "seed " + seed);
        }
        Everything extremes = new Everything("x", true, Integer.MIN_VALUE, Long.MIN_VALUE, null, Short.MAX_VALUE,
                Byte.MIN_VALUE, -0.0, '\uD800', new BigDecimal("1.000E-30"), BigInteger.TEN.pow(40), new UUID(-1, 0),
                Instant.MAX, Currency.getInstance("JPY"), Colour.GREEN, Optional.of(Optional.empty()), List.of(),
                Set.of(), Map.of(), Map.of(Sku.of("A"), Long.MAX_VALUE), new Square(Optional.empty()),
                List.of(new Circle(-1)), Colour.RED, null);
        assertRoundTrips(extremes, "extremes");
        assertThat(RecordCodec.decode(Everything.class, RecordCodec.encode(extremes)).decimal().scale()).isEqualTo(33);
    }

    @Test
    void aComponentAddedLaterReadsAsEmptyIfOptionalElseTheTextIsRefused() {
        assertThat(RecordCodec.decode(Square.class, "{}")).isEqualTo(new Square(Optional.empty()));
        assertThat(RecordCodec.decode(Circle.class, "{\"radius\":3,\"colour\":\"RED\"}")).isEqualTo(new Circle(3));
        assertThatThrownBy(() -> RecordCodec.decode(Circle.class, "{}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void damagedTextIsRefusedWithIllegalArgumentOnly() {
        long seed = new Random().nextLong();
        System.out.println("RecordCodecTest.damagedTextIsRefusedWithIllegalArgumentOnly seed = " + seed);
        Random random = new Random(seed);
        String alphabet = "{}[]\":,\\u0-9aenrtfl ";
        for (int i = 0; i < 2000; i++) {
            Everything value = (Everything) generate(Everything.class, random);
            StringBuilder text = new StringBuilder(RecordCodec.encode(value));
            int at = random.nextInt(text.length());
            switch (random.nextInt(3)) {
                case 0 -> text.setLength(at);
                case 1 -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                RecordCodec.decode(Everything.class, text.toString());
            } catch (IllegalArgumentException expected) {
                // refused, as it should be when damaged
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + text + " failed with " + e, e);
            }
        }
        assertThatThrownBy(() -> RecordCodec.decode(Circle.class, "{\"radius\":1}x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordCodec.decode(Circle.class, "{\"radius\":1,\"radius\":2}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordCodec.decode(Everything.class, "{\"shape\":{\"type\":\"java.lang.String\","
                + "\"value\":\"x\"}}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueTheConstructorRefusesIsRefused() {
        String text = RecordCodec.encode(new OrderPlaced(new OrderId(UUID.randomUUID()), Optional.empty(),
                Money.of("1.00", "EUR"), Instant.EPOCH)).replace("\"EUR\"", "\"XYZ\"");
        assertThatThrownBy(() -> RecordCodec.decode(OrderPlaced.class, text)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertRoundTrips(Record value, String context) {
        String text = RecordCodec.encode(value);
        assertThat(text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).as("%s: pure printable ASCII: %s", context, text)
                .isTrue();
        assertThat(RecordCodec.decode(value.getClass(), text)).as("%s: %s", context, text).isEqualTo(value);
    }

    /** The records implementing CommerceEvent among core's classes, found by scanning its jar or folder. */
    static List<Class<?>> commerceEventRecords() {
        try {
            Path location = Path.of(CommerceEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> names = new ArrayList<>();
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.map(location::relativize).map(Path::toString).filter(name -> name.endsWith(".class"))
                            .forEach(name -> names.add(name.replace(java.io.File.separatorChar, '/')));
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        String name = entries.nextElement().getName();
                        if (name.endsWith(".class")) {
                            names.add(name);
                        }
                    }
                }
            }
            List<Class<?>> records = new ArrayList<>();
            for (String name : names) {
                if (name.endsWith("module-info.class")) {
                    continue;
                }
                Class<?> type = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false,
                        CommerceEvent.class.getClassLoader());
                if (type.isRecord() && CommerceEvent.class.isAssignableFrom(type)) {
                    records.add(type);
                }
            }
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object generate(Type type, Random random) {
        Class<?> raw = type instanceof ParameterizedType ? (Class<?>) ((ParameterizedType) type).getRawType()
                : (Class<?>) type;
        if (raw == String.class) {
            return string(random);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return random.nextBoolean();
        }
        if (raw == int.class || raw == Integer.class) {
            return random.nextBoolean() ? 1 + random.nextInt(100) : random.nextInt();
        }
        if (raw == long.class || raw == Long.class) {
            return random.nextBoolean() ? 1 + random.nextInt(100) : random.nextLong();
        }
        if (raw == short.class) {
            return (short) random.nextInt();
        }
        if (raw == byte.class) {
            return (byte) random.nextInt();
        }
        if (raw == double.class) {
            return random.nextBoolean() ? random.nextDouble() : Double.longBitsToDouble(random.nextLong());
        }
        if (raw == char.class) {
            return (char) random.nextInt(0x10000);
        }
        if (raw == BigDecimal.class) {
            return new BigDecimal(new BigInteger(80, random).subtract(BigInteger.ONE.shiftLeft(79)), random.nextInt(20) - 5);
        }
        if (raw == BigInteger.class) {
            return new BigInteger(100, random).negate();
        }
        if (raw == UUID.class) {
            return new UUID(random.nextLong(), random.nextLong());
        }
        if (raw == Instant.class) {
            return random.nextBoolean() ? Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000))
                    : Instant.ofEpochSecond(random.nextLong() % Instant.MAX.getEpochSecond(), random.nextInt(1_000_000_000));
        }
        if (raw == Currency.class) {
            return CURRENCIES.get(random.nextInt(CURRENCIES.size()));
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        if (raw == Optional.class) {
            return random.nextInt(3) == 0 ? Optional.empty() : Optional.of(generate(argument(type, 0), random));
        }
        if (raw == List.class) {
            List<Object> list = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                list.add(generate(argument(type, 0), random));
            }
            return list;
        }
        if (raw == Set.class) {
            Set<Object> set = new LinkedHashSet<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                set.add(generate(argument(type, 0), random));
            }
            return set;
        }
        if (raw == Map.class) {
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                map.put(generate(argument(type, 0), random), generate(argument(type, 1), random));
            }
            return map;
        }
        if (raw == Object.class) {
            return generate(Colour.class, random);
        }
        if (raw.isRecord()) {
            return record(raw, random);
        }
        if (raw.isSealed()) {
            Class<?>[] permitted = raw.getPermittedSubclasses();
            return generate(permitted[random.nextInt(permitted.length)], random);
        }
        throw new IllegalArgumentException("no generator for " + type);
    }

    private static Object record(Class<?> type, Random random) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        RuntimeException last = null;
        for (int attempt = 0; attempt < 2000; attempt++) {
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                values[i] = components[i].getType().isPrimitive() || random.nextInt(20) != 0
                        ? generate(components[i].getGenericType(), random) : null;
            }
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
                return constructor.newInstance(values);
            } catch (InvocationTargetException e) {
                last = e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
                        : new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no valid " + type.getName() + " generated", last);
    }

    private static String string(Random random) {
        switch (random.nextInt(3)) {
            case 0:
                return "A" + random.nextInt(1000);
            case 1:
                return HOSTILE.get(random.nextInt(HOSTILE.size()));
            default:
                StringBuilder text = new StringBuilder();
                for (int i = random.nextInt(12); i > 0; i--) {
                    text.append((char) random.nextInt(0x10000));
                }
                return text.toString();
        }
    }

    private static Type argument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }
}
