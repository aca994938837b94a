// See-through lens: fragments of the ground surface inside a circle around the mouse are
// discarded, so the networks below show through. Inserted before VTK's own lighting code of the
// ground actor's fragment shader (vtkShaderProperty replacement of the light implementation tag).
if (lensRadius > 0.0 && distance(gl_FragCoord.xy, lensCenter) < lensRadius) {
    discard;
}
