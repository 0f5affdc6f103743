package dev.furrow.agent.jobtype;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Opens {@link JsSandbox}es on GraalJS. GraalJS (~45 MB of jars) is not in the agent's jar: an idle agent that
 * never runs a script job type would pay ~25 MB of resident memory just for carrying it. Its jars sit in a
 * directory next to the agent's jar ({@code graaljs/}, or --jobtype-script-engine-dir) and are loaded, with the
 * sandbox classes, by a class loader of their own the first time a script job type runs. When GraalJS is on the
 * agent's own class path (tests), that is used. GraalJS unpacks a native helper library on first use; it goes to
 * {@code resourceCache} (under the job type cache directory) rather than {@code ~/.cache}, which an agent running as
 * a service user may not have.
 */
public final class ScriptEngines {

    static final String SANDBOX_PACKAGE = "dev.furrow.agent.jobtype.sandbox.";
    private static final String SANDBOX_CLASS = SANDBOX_PACKAGE + "GraalSandbox";
    private static final String RESOURCE_CACHE_PROPERTY = "polyglot.engine.userResourceCache";

    private final Path engineDir;
    private final Path resourceCache;
    private final ScriptLimits limits;
    private ClassLoader loader;

    public ScriptEngines(Path engineDir, Path resourceCache, ScriptLimits limits) {
        this.engineDir = engineDir;
        this.resourceCache = resourceCache;
        this.limits = limits;
    }

    /** The default engine directory: {@code graaljs/} next to the jar (or classes directory) the agent runs from. */
    public static Path defaultEngineDir() {
        try {
            Path codeSource = Path.of(ScriptEngines.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return codeSource.toAbsolutePath().getParent().resolve("graaljs");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where the agent's jar is; set --jobtype-script-engine-dir", e);
        }
    }

    /** A sandbox running {@code code}; throws {@link TaskHooks.HookFailed} when the script cannot even load. */
    public JsSandbox open(String name, String code) {
        try {
            return (JsSandbox) loader().loadClass(SANDBOX_CLASS)
                    .getConstructor(String.class, String.class, ScriptLimits.class)
                    .newInstance(name, code, limits);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the script sandbox failed to start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new TaskHooks.HookFailed("job type '" + name + "': the JavaScript engine cannot be loaded (" + e
                    + "); the agent needs the GraalJS jars in " + engineDir + " (built as render-agent/target/graaljs "
                    + "next to the jar) or --jobtype-script-engine-dir pointing at them");
        }
    }

    private synchronized ClassLoader loader() {
        if (loader == null) {
            if (System.getProperty(RESOURCE_CACHE_PROPERTY) == null) {
                System.setProperty(RESOURCE_CACHE_PROPERTY, resourceCache.toAbsolutePath().toString());
            }
            ClassLoader agent = ScriptEngines.class.getClassLoader();
            loader = hasGraal(agent) ? agent : new SandboxClassLoader(jars(), agent);
        }
        return loader;
    }

    private static boolean hasGraal(ClassLoader classLoader) {
        try {
            Class.forName("org.graalvm.polyglot.Context", false, classLoader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private URL[] jars() {
        if (!Files.isDirectory(engineDir)) {
            throw new TaskHooks.HookFailed("no GraalJS jars in " + engineDir + " (it does not exist): copy "
                    + "render-agent/target/graaljs next to the agent's jar or set --jobtype-script-engine-dir");
        }
        try (Stream<Path> files = Files.list(engineDir)) {
            List<URL> urls = new ArrayList<>();
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
            return urls.toArray(URL[]::new);
        } catch (MalformedURLException e) {
            throw new IllegalStateException("cannot use the GraalJS jars in " + engineDir, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the GraalJS jars in " + engineDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sees the GraalJS jars and defines the sandbox classes itself (from the agent's jar), so that they link
     * against GraalJS; everything else comes from the agent.
     */
    private static final class SandboxClassLoader extends URLClassLoader {

        static {
            registerAsParallelCapable();
        }

        SandboxClassLoader(URL[] graalJars, ClassLoader agent) {
            super("furrow-graaljs", graalJars, agent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(SANDBOX_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] bytes = classBytes(name);
                    loaded = defineClass(name, bytes, 0, bytes.length, ScriptEngines.class.getProtectionDomain());
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        private byte[] classBytes(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
