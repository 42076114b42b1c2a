package dev.poetry.client.get;

import java.util.Locale;

/** One way of organising the same downloads, after one of the tutorial's clients. */
public interface GetStyle {

    /**
     * Runs every task of {@code request}, reporting as the style sees fit, and returns once all
     * have ended.
     *
     * @return how many tasks failed
     */
    int run(GetRequest request, Reporter reporter) throws InterruptedException;

    /** The styles by name, as {@code --style} takes them. */
    enum Name {
        LIST, CALLBACK, INLINE, BLOCKING, PROCESS, LAZY;

        public GetStyle create() {
            return switch (this) {
                case LIST -> new ListStyle();
                case CALLBACK -> new CallbackStyle();
                case INLINE -> new InlineStyle();
                case BLOCKING -> new BlockingStyle();
                case PROCESS -> new ProcessStyle();
                case LAZY -> new LazyStyle();
            };
        }

        /** Whether the style runs on the event loop and so can use the transform client. */
        public boolean transforms() {
            return this == LIST || this == CALLBACK || this == INLINE;
        }

        /** Whether the style hands over whole poems (the lazy style prints lines instead). */
        public boolean deliversWholePoems() {
            return this != LAZY;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
