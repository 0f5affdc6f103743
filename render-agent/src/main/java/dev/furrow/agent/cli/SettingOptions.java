package dev.furrow.agent.cli;

import dev.furrow.agent.config.AgentConfig;
import dev.furrow.agent.config.ConfigLoader;
import dev.furrow.agent.config.Setting;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Adds one option per {@link Setting} (plus --config) to a command, and reads them back into the typed config. */
final class SettingOptions {

    static final String CONFIG = "--config";

    private SettingOptions() {
    }

    static void addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder(CONFIG).paramLabel("FILE").type(Path.class)
                .description("YAML file with agent.yml keys; flags and FURROW_* variables override it").build());
        for (Setting setting : Setting.values()) {
            String description = setting.description() + " [env " + setting.envVar() + ", yaml " + setting.yamlKey()
                    + (setting.defaultValue() == null ? "" : ", default " + setting.defaultValue()) + "]";
            // picocli treats descriptions as format strings; a URL's %2F must not be read as a conversion
            OptionSpec.Builder option = OptionSpec.builder(setting.flag()).description(description.replace("%", "%%"));
            if (setting.isSwitch()) {
                option.type(Boolean.class).arity("0");
            } else {
                option.type(String.class).arity("1").paramLabel(setting.name());
            }
            spec.addOption(option.build());
        }
    }

    static AgentConfig load(CommandSpec spec) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            Object value = spec.findOption(setting.flag()).getValue();
            if (value != null) {
                flags.put(setting, value.toString());
            }
        }
        Path configFile = spec.findOption(CONFIG).getValue();
        return ConfigLoader.forThisProcess().load(flags, configFile);
    }
}
