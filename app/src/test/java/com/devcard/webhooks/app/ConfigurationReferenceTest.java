package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The operators' configuration reference, {@code docs/configuration.md}, against the code: every
 * component of every {@code @ConfigurationProperties} record is in the reference's table under the
 * environment variable that really sets it, with the record's default. The variable is the relaxed
 * form of the property unless application.yaml maps another name to it; both are checked by setting
 * the variable and reading the property back.
 */
class ConfigurationReferenceTest {

  private static final Path REFERENCE = Path.of("../docs/configuration.md");
  private static final Path APPLICATION_YAML = Path.of("src/main/resources/application.yaml");

  /** A table row: the (first) variable, and the default column. */
  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z][A-Z0-9_]*)`[^|]*\\| ([^|]*)\\|");

  private static final Pattern CODE = Pattern.compile("`([^`]*)`");
  private static final Pattern MAPPING = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*):(.*)}$");

  /** Read by the dev runtime from the environment before any configuration is bound. */
  private static final String DEV_RUNTIME_VARIABLES = "WEBHOOKS_DEV_";

  private static final ConversionService CONVERSION =
      ApplicationConversionService.getSharedInstance();

  private static Map<String, String> documentedDefaults;
  private static PropertySource<?> applicationYaml;
  private static List<Setting> settings;

  /**
   * One record component and the property it binds.
   *
   * @param declaredDefault the {@code @DefaultValue} of the canonical constructor's parameter
   *     (where that annotation lands), or {@code null}
   */
  record Setting(
      Class<?> type, RecordComponent component, String property, DefaultValue declaredDefault) {

    @Override
    public String toString() {
      return type.getSimpleName() + "." + component.getName() + " (" + property + ")";
    }
  }

  /** An application.yaml entry {@code property: ${VARIABLE:fallback}}. */
  record Mapping(String variable, String fallback) {}

  @BeforeAll
  static void read() throws IOException {
    documentedDefaults = documentedDefaults();
    applicationYaml =
        new YamlPropertySourceLoader()
            .load("application.yaml", new FileSystemResource(APPLICATION_YAML))
            .getFirst();
    settings = settings();
  }

  @Test
  void everySettingIsFoundAndIsARecord() {
    assertThat(settings).hasSizeGreaterThan(20);
    assertThat(settings)
        .extracting(Setting::property)
        .contains("temporal.address", "webhooks.delivery.timeout", "webhooks.jwt.secret");
  }

  @Test
  void everySettingIsDocumentedUnderTheVariableThatSetsIt() {
    List<String> problems = new ArrayList<>();
    for (Setting setting : settings) {
      String variable = variableOf(setting.property());
      if (!setsProperty(variable, setting.property())) {
        problems.add(variable + " does not reach " + setting);
      }
      if (!documentedDefaults.containsKey(variable)) {
        problems.add(setting + " is not in " + REFERENCE + " as `" + variable + "`");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyDocumentedDefaultIsTheRecordsDefault() {
    List<String> problems = new ArrayList<>();
    for (Setting setting : settings) {
      String documented = documentedDefaults.get(variableOf(setting.property()));
      if (documented == null) {
        continue; // reported by the test above
      }
      DefaultValue declared = setting.declaredDefault();
      if (declared == null) {
        if (setting.component().getType().isPrimitive()) {
          problems.add(setting + " is primitive: declare its default with @DefaultValue");
        } else if (!documented.startsWith("required") && !documented.startsWith("unset")) {
          problems.add(setting + " has no default, but the reference says: " + documented);
        }
        continue;
      }
      Optional<String> code = firstCode(documented);
      if (code.isEmpty()) {
        problems.add(
            setting
                + " defaults to "
                + Arrays.toString(declared.value())
                + ", reference: "
                + documented);
      } else if (!Objects.equals(
          typed(setting, String.join(",", declared.value())), typed(setting, code.get()))) {
        problems.add(
            setting
                + " defaults to "
                + String.join(",", declared.value())
                + " but the reference says "
                + code.get());
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void applicationYamlMapsOnlyNamesRelaxedBindingCannotProduceAndHoldsNoRecordDefault() {
    List<String> problems = new ArrayList<>();
    for (Setting setting : settings) {
      Optional<Mapping> mapping = mappingOf(setting.property());
      if (mapping.isEmpty()) {
        continue;
      }
      if (mapping.get().variable().equals(relaxedVariable(setting.property()))) {
        problems.add(setting + " is mapped in application.yaml, but relaxed binding maps it");
      }
      if (!mapping.get().fallback().isEmpty()) {
        problems.add(setting + " has a default in application.yaml: keep it in the record");
      }
      if (setting.declaredDefault() != null) {
        // An unset variable would bind the mapping's empty value, hiding the record's default.
        problems.add(setting + " has a default, so it cannot be mapped in application.yaml");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void springSettingsMappedInApplicationYamlAreDocumentedWithTheirDefault() {
    Set<String> recordProperties = new HashSet<>();
    settings.forEach(setting -> recordProperties.add(setting.property()));
    List<String> problems = new ArrayList<>();
    for (String property : yamlPropertyNames()) {
      Optional<Mapping> mapping = mappingOf(property);
      if (mapping.isEmpty() || recordProperties.contains(property)) {
        continue;
      }
      String documented = documentedDefaults.get(mapping.get().variable());
      if (documented == null) {
        problems.add(mapping.get().variable() + " (" + property + ") is not in " + REFERENCE);
      } else if (!firstCode(documented).orElse("").equals(mapping.get().fallback())) {
        problems.add(
            mapping.get().variable()
                + " defaults to "
                + mapping.get().fallback()
                + " in application.yaml, but the reference says "
                + documented);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyDocumentedServiceVariableStillSetsSomething() {
    Set<String> known = new HashSet<>();
    settings.forEach(setting -> known.add(variableOf(setting.property())));
    yamlPropertyNames()
        .forEach(property -> mappingOf(property).ifPresent(m -> known.add(m.variable())));
    assertThat(documentedDefaults.keySet())
        .filteredOn(
            variable -> variable.startsWith("WEBHOOKS_") || variable.startsWith("TEMPORAL_"))
        .filteredOn(variable -> !variable.startsWith(DEV_RUNTIME_VARIABLES))
        .allSatisfy(
            variable -> assertThat(known).as("settings read by the service").contains(variable));
  }

  /** Every component of every {@code @ConfigurationProperties} class of the service. */
  private static List<Setting> settings() {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
    List<Setting> found = new ArrayList<>();
    for (BeanDefinition candidate : scanner.findCandidateComponents("com.devcard.webhooks")) {
      Class<?> type;
      try {
        type = Class.forName(candidate.getBeanClassName());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      assertThat(type.isRecord()).as("%s is a record", type.getName()).isTrue();
      String prefix =
          AnnotatedElementUtils.findMergedAnnotation(type, ConfigurationProperties.class).prefix();
      RecordComponent[] components = type.getRecordComponents();
      Parameter[] parameters = canonicalConstructor(type).getParameters();
      for (int i = 0; i < components.length; i++) {
        found.add(
            new Setting(
                type,
                components[i],
                prefix + "." + kebab(components[i].getName()),
                parameters[i].getAnnotation(DefaultValue.class)));
      }
    }
    return found;
  }

  private static Constructor<?> canonicalConstructor(Class<?> type) {
    Class<?>[] types =
        Arrays.stream(type.getRecordComponents())
            .map(RecordComponent::getType)
            .toArray(Class<?>[]::new);
    try {
      return type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static String variableOf(String property) {
    return mappingOf(property).map(Mapping::variable).orElseGet(() -> relaxedVariable(property));
  }

  private static String relaxedVariable(String property) {
    return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Optional<Mapping> mappingOf(String property) {
    Object value = applicationYaml.getProperty(property);
    if (value == null) {
      return Optional.empty();
    }
    Matcher matcher = MAPPING.matcher(value.toString());
    return matcher.matches()
        ? Optional.of(new Mapping(matcher.group(1), matcher.group(2)))
        : Optional.empty();
  }

  private static List<String> yamlPropertyNames() {
    return Arrays.asList(((EnumerablePropertySource<?>) applicationYaml).getPropertyNames());
  }

  /** Whether the variable, set as operators set it, is what the property reads. */
  private static boolean setsProperty(String variable, String property) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(variable, "probe")));
    environment.getPropertySources().addLast(applicationYaml);
    ConfigurationPropertySources.attach(environment);
    return "probe".equals(environment.getProperty(property));
  }

  private static Object typed(Setting setting, String text) {
    TypeDescriptor target =
        new TypeDescriptor(
            ResolvableType.forType(setting.component().getGenericType()), null, null);
    return CONVERSION.convert(text, TypeDescriptor.valueOf(String.class), target);
  }

  private static Optional<String> firstCode(String cell) {
    Matcher code = CODE.matcher(cell);
    return code.find() ? Optional.of(code.group(1)) : Optional.empty();
  }

  /** Variable to the text of its default column, from the reference's table. */
  private static Map<String, String> documentedDefaults() throws IOException {
    Map<String, String> defaults = new LinkedHashMap<>();
    for (String line : Files.readAllLines(REFERENCE)) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        defaults.put(row.group(1), row.group(2).trim());
      }
    }
    assertThat(defaults).as("rows of the table in %s", REFERENCE).isNotEmpty();
    return defaults;
  }
}
