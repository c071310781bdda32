package org.jsna.cli;

import java.util.List;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Subcommands whose picocli model is built only when they run.
 *
 * <p>picocli builds a command's model by reflection over its class (options, mixins, converters,
 * and the types of every field), and with {@code @Command(subcommands = ...)} it does so for the
 * whole tree at start-up: {@code jsna --version} used to build report, validate, calc with its nine
 * methods, indicators and sample. Instead each command lists its subcommands here by class; the one
 * named on the command line gets its full model (and, recursively, its own named subcommand), and
 * every other one a stub that holds only its name and the description of its {@code @Command}
 * annotation — all that a parent's {@code --help} lists, and all that picocli needs to tell a known
 * command from a typo; and when the command line starts with a known name (as a script's
 * {@code jsna calc rate ...} does), nothing can list the others and they get no stub at all. A stub is never run: the scan below names the same command that picocli's
 * parser then picks (both take the first word that is not an option), and if it ever did not, the
 * stub fails as an internal error instead of doing nothing.
 *
 * <p>The words before a command's name are that command's own options, which for {@code jsna} and
 * {@code jsna calc} are flags only ({@code --quiet}, {@code --verbose}, {@code --help},
 * {@code --version}): no option value can be mistaken for a command name. {@code help} (picocli's
 * help command) is skipped, so that {@code jsna help calc rate} builds calc and rate.
 */
final class LazyCommands {

    private LazyCommands() {
    }

    /**
     * Adds {@code types} (in this order) to {@code parent} as subcommands: with its full model the one
     * named by the first word of {@code args} from {@code from} on that is neither an option nor
     * {@code help}, or every one when {@code eager}; stubs for the others unless nothing can list
     * them. {@code children} gives the subcommands of a subcommand (null: none).
     */
    static void add(CommandLine parent, List<Class<?>> types, Function<Class<?>, List<Class<?>>> children,
            String[] args, int from, boolean eager) {
        int at = nameAt(args, from);
        String named = at < 0 ? null : args[at];
        if (named != null && types.stream().noneMatch(t -> t.getAnnotation(Command.class).name().equals(named))) {
            // the first word that is no option names no command here: a misspelt one, or the value of an option
            // put before the command (calc --confidence 95 proportion ...), which only the full models can tell
            eager = true;
        }
        boolean stubs = eager || !knownAndFirst(types, args, from, at);
        for (Class<?> type : types) {
            Command c = type.getAnnotation(Command.class);
            if (eager || c.name().equals(named)) {
                CommandLine sub = new CommandLine(type);
                List<Class<?>> grandchildren = children.apply(type);
                if (grandchildren != null) {
                    add(sub, grandchildren, children, args, at + 1, eager);
                }
                parent.addSubcommand(c.name(), sub);
            } else if (stubs) {
                parent.addSubcommand(c.name(), new CommandLine(stub(c)));
            }
        }
    }

    /**
     * True when the word at {@code at} names one of {@code types} and only {@code --quiet} or
     * {@code --verbose} come before it at this level: then nothing can print this level's list of
     * commands ({@code --help}, {@code help}, or an unknown name does), and the other commands need
     * not even a stub. The usual case of a script ({@code jsna calc rate ...}).
     */
    private static boolean knownAndFirst(List<Class<?>> types, String[] args, int from, int at) {
        if (at < 0 || List.of(args).contains("help")) {
            return false; // picocli's help command prints the usage of the first command it is given, whatever follows
        }
        for (int i = Math.max(from, 0); i < at; i++) {
            if (!args[i].equals("--quiet") && !args[i].equals("--verbose")) {
                return false;
            }
        }
        for (Class<?> type : types) {
            if (type.getAnnotation(Command.class).name().equals(args[at])) {
                return true;
            }
        }
        return false;
    }

    /** The index of the first word from {@code from} on that is not an option and not {@code help}; -1 if none. */
    static int nameAt(String[] args, int from) {
        for (int i = Math.max(from, 0); i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return -1;
            }
            if (!a.startsWith("-") && !a.equals("help")) {
                return i;
            }
        }
        return -1;
    }

    private static CommandSpec stub(Command c) {
        String name = c.name();
        CommandSpec spec = CommandSpec.wrapWithoutInspection((Runnable) () -> {
            throw new IllegalStateException("the model of command '" + name + "' was not built");
        });
        spec.name(name);
        spec.usageMessage().header(c.header()).description(c.description()).hidden(c.hidden());
        return spec;
    }
}
