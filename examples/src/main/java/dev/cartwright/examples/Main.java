package dev.cartwright.examples;

/** Placeholder. */
public final class Main {
    private Main() {
    }

    /**
     * @param args the program and its arguments
     */
    public static void main(String[] args) {
        System.out.println("cartwright-examples");
    }
}
