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
        LIST, CALLBACK, INLINE, BLOCKING;

        public GetStyle create() {
            return switch (this) {
                case LIST -> new ListStyle();
                case CALLBACK -> new CallbackStyle();
                case INLINE -> new InlineStyle();
                case BLOCKING -> new BlockingStyle();
            };
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
