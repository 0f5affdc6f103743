package dev.furrow.scheduler;

import io.micronaut.context.ApplicationContext;

import java.util.concurrent.CountDownLatch;

/** Starts the scheduler-worker: Flyway migrate (on data source creation), broker, consumers, housekeeping. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) throws InterruptedException {
        ApplicationContext context = ApplicationContext.builder(Application.class).args(args).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            stopped.countDown();
        }, "furrow-shutdown"));
        // Creating the worker creates the data source, which runs the migrations before anything consumes.
        context.getBean(SchedulerWorker.class).start();
        System.out.println(SchedulerWorker.READY_LINE);
        System.out.flush();
        stopped.await();
    }
}
