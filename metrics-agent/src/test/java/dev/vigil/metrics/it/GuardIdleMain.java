package dev.vigil.metrics.it;

/** An application that does nothing for a second: the agent's start-up is all that runs (GuardRulesShadedIT). */
public final class GuardIdleMain {
    private GuardIdleMain() {}

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(1_000);
        System.out.println("idle main done");
        System.exit(0);
    }
}
