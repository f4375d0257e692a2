package org.civicast;

/**
 * The jar's entry point, compiled for Java 11 so that an older {@code java} can still run it and
 * say what is needed, instead of failing with an {@code UnsupportedClassVersionError} about class
 * file versions. On Java 21 or newer it hands over to {@link Main} at once.
 */
public final class Launcher {
    static final int REQUIRED = 21;

    public static void main(String[] args) throws Exception {
        int feature = Runtime.version().feature();
        if (feature < REQUIRED) {
            System.err.println("civicast: needs Java " + REQUIRED + " or newer; this is Java "
                    + System.getProperty("java.version") + " at " + System.getProperty("java.home") + ".");
            System.err.println("civicast: start it with the java of a JDK or JRE 21+, e.g. "
                    + "\"$JAVA_HOME/bin/java\" -jar civicast.jar with JAVA_HOME pointing at one");
            System.exit(1);
        }
        Main.main(args);
    }

    private Launcher() {}
}
