package org.openpersonalize.recipes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openpersonalize.spi.HyperparameterSpec;
import org.openpersonalize.spi.Hyperparameters;
import org.openpersonalize.spi.Recipe;
import org.openpersonalize.spi.RecipeType;

/** The catalogue half of a {@link Recipe}: fixed descriptors given once by each recipe. */
public abstract class AbstractRecipe implements Recipe {
  private final String name;
  private final RecipeType type;
  private final String description;
  private final Set<String> required;
  private final Set<String> optional;
  private final List<HyperparameterSpec> specs;

  protected AbstractRecipe(
      String name,
      RecipeType type,
      String description,
      Set<String> required,
      Set<String> optional,
      List<HyperparameterSpec> specs) {
    this.name = name;
    this.type = type;
    this.description = description;
    this.required = Set.copyOf(required);
    this.optional = Set.copyOf(optional);
    this.specs = List.copyOf(specs);
  }

  @Override
  public final String recipeArn() {
    return ARN_PREFIX + name;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final RecipeType recipeType() {
    return type;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final Set<String> requiredDatasets() {
    return required;
  }

  @Override
  public final Set<String> optionalDatasets() {
    return optional;
  }

  @Override
  public final List<HyperparameterSpec> hyperparameters() {
    return specs;
  }

  /** Rejects hyperparameters resolved against another recipe's specs. */
  protected final void requireOwn(Hyperparameters hp) {
    if (!hp.specs().equals(specs)) {
      List<String> names = new ArrayList<>();
      for (HyperparameterSpec s : hp.specs()) {
        names.add(s.name());
      }
      throw new IllegalArgumentException(
          "hyperparameters must be resolved against the specs of "
              + name
              + "; got: values for "
              + names);
    }
  }

  @Override
  public String toString() {
    return recipeArn();
  }
}
