// A hidden GLFW window with a current OpenGL 3.3 core context, as the viewer creates it: for tests
// of the interactive path (Viewport, the viewer's state) under Xvfb.
#pragma once

#include <GL/glew.h>
#include <GLFW/glfw3.h>

namespace bz::test {

struct HiddenWindow {
    GLFWwindow* window = nullptr;
    HiddenWindow() {
        if (!glfwInit()) return;
        glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
        window = glfwCreateWindow(320, 240, "test", nullptr, nullptr);
        if (!window) return;
        glfwMakeContextCurrent(window);
        glewExperimental = GL_TRUE;
        glewInit();
        glGetError();
    }
    ~HiddenWindow() {
        if (window) glfwDestroyWindow(window);
        glfwTerminate();
    }
};

}  // namespace bz::test
