package cn.yuhao.care.support;

import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Keeps JUnit's own class order (a stable sort) and moves the {@link RunsLast} classes to the end. Set in
 * junit-platform.properties.
 */
public final class LastOrderer implements ClassOrderer {
  @Override
  public void orderClasses(ClassOrdererContext context) {
    context.getClassDescriptors().sort(Comparator.comparing(d -> d.isAnnotated(RunsLast.class)));
  }
}
