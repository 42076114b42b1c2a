package dev.poetry.client.get;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread per task, as cheap as the JVM can make one: a virtual thread on Java 21 and later, a
 * daemon platform thread on 17. We look up {@code Executors.newVirtualThreadPerTaskExecutor} by
 * reflection rather than ship a multi-release class: one public static method is all we need, and
 * the build stays a plain Java 17 build.
 */
final class LightweightThreads {

    private LightweightThreads() {
    }

    static ExecutorService perTask() {
        try {
            Method virtual = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) virtual.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException notOnThisJvm) {
            AtomicInteger count = new AtomicInteger();
            return Executors.newCachedThreadPool(work -> {
                Thread thread = new Thread(work, "poetry-task-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
    }
}
