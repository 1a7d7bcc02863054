package dev.vigil.corpus.helpers;

public class Thing1 implements ThingInterface {
    @Override
    public String doSomething(String i) {
        String r = i;
        return r;
    }
}
