package org.jsna.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jsna help [COMMAND [METHOD]]}: the help of a command, or of a calc method. picocli's own help command
 * reads its first word only, so {@code jsna help calc rate} printed calc's help, not rate's.
 */
@Command(name = "help", helpCommand = true, header = "Show the help of a command or a calc method.",
        synopsisHeading = "%nUsage: ", description = "The same text as COMMAND --help.",
        footerHeading = "%nExample:%n", footer = {"  jsna help calc rate"})
final class HelpCommand implements CommandLine.IHelpCommandInitializable2, Runnable {

    @Parameters(paramLabel = "COMMAND", arity = "0..*",
            description = "The command, and for calc its method, e.g. calc rate; none: jsna's own help.")
    String[] words = new String[0];

    private CommandLine self;
    private CommandLine.Help.ColorScheme colors;
    private PrintWriter out;

    @Override
    public void init(CommandLine helpCommandLine, CommandLine.Help.ColorScheme colorScheme, PrintWriter outWriter,
            PrintWriter errWriter) {
        this.self = helpCommandLine;
        this.colors = colorScheme;
        this.out = outWriter;
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String w : words) {
            CommandLine sub = target.getSubcommands().get(w);
            if (sub == null) {
                throw new CommandLine.ParameterException(self, "Unknown command '" + w + "'"
                        + (target.getParent() == null ? "" : " of '" + target.getCommandSpec().qualifiedName() + "'")
                        + ": expected one of " + String.join(", ", target.getSubcommands().keySet().stream()
                                .filter(n -> !n.equals("help")).toList()));
            }
            target = sub;
        }
        target.usage(out, colors);
        out.flush();
    }
}
