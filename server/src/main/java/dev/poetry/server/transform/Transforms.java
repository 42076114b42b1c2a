package dev.poetry.server.transform;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The transforms a server offers, by name, in the order {@code --list} shows them. */
public final class Transforms {

    private final Map<String, Transform> byName = new LinkedHashMap<>();

    public Transforms(List<Transform> transforms) {
        for (Transform transform : transforms) {
            if (transform.name().isEmpty() || transform.name().contains(".")) {
                throw new IllegalArgumentException("invalid transform name '" + transform.name() + "'");
            }
            if (byName.putIfAbsent(transform.name(), transform) != null) {
                throw new IllegalArgumentException("two transforms are named '" + transform.name() + "'");
            }
        }
    }

    /** Every transform this suite ships: the one place a new transform is registered. */
    public static Transforms standard() {
        return new Transforms(List.of(new Cummingsify(), new Shout(), new Backwards()));
    }

    public Optional<Transform> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<Transform> all() {
        return byName.values();
    }
}
