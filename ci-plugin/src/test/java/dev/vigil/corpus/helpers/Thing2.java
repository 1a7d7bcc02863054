package dev.vigil.corpus.helpers;

public class Thing2 implements ThingInterface {
    @Override
    public String doSomething(String i) {
        StringBuilder sb = new StringBuilder();
        sb.append(i);
        return sb.toString();
    }
}
