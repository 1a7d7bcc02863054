package dev.vigil.corpus.helpers;

/** Passes a value through an implementation chosen at run time ({@link ThingFactory}). */
public interface ThingInterface {
    String doSomething(String i);
}
