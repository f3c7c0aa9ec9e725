package dci.app;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Injects the shared {@link TestCage} into test methods and lifecycle methods. */
public final class CageExtension implements ParameterResolver {
  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == TestCage.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return TestCage.get(e);
  }
}
