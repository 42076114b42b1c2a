package dev.poetry.client.get;

import java.util.Locale;

/**
 * One way of organising the same downloads, after one of the tutorial's clients. What a style can
 * do is its type, so a wrong combination does not compile: only a {@link ComposingStyle} takes a
 * {@link Plan} (a transform, {@code --first}, {@code --fail-fast}); a {@link PoemStyle} reports to
 * a {@link PoemReporter}, the {@link LineStyle} to a {@link LineReporter}.
 */
public sealed interface GetStyle permits PoemStyle, LineStyle {

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

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
