package dev.quorum.app;

/** Stands in for the quorum jar in {@link LauncherTest}: says it ran, and with "hold" stays up until told to stop. */
public final class LauncherProbe {
    private LauncherProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("probe ran");
        System.out.flush();
        if (args.length > 0 && args[0].equals("hold")) {
            System.in.read(); // until the test closes stdin
        }
    }
}
